/**
 * The header's tunnel control (renderer/features/shell/tunnel-control.ts): which action a click
 * takes in each tunnel state, when it waits, and which message explains a failure, including the
 * install advice the core gives when no client is on PATH (src/control/tunnel-routes.ts, 409).
 */
import { describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../src/model/tunnel.js';
import { tunnelControlView } from '../../renderer/features/shell/tunnel-control.js';

const status = (over: Partial<TunnelStatus>): TunnelStatus => ({ state: 'stopped', kind: null, publicUrl: null, error: null, ...over });
const INSTALL = 'no "ngrok" found on PATH (also looked for cloudflared and ssh). Install one: cloudflared: https://developers.cloudflare.com/…; ngrok: https://ngrok.com/download';

describe('tunnel control', () => {
  it('stopped (or never started, no status yet): Start, with the client choice open and no message', () => {
    for (const s of [undefined, null, status({})]) expect(tunnelControlView(s, false, null)).toMatchObject({ action: 'start', label: 'Start tunnel', canChooseKind: true, message: null });
  });

  it('running: Stop, naming the client; the choice is locked', () => {
    const v = tunnelControlView(status({ state: 'running', kind: 'cloudflared', publicUrl: 'https://x.trycloudflare.com' }), false, null);
    expect(v).toMatchObject({ action: 'stop', label: 'Stop tunnel', canChooseKind: false, message: null });
    expect(v.title).toContain('cloudflared');
  });

  it('while a request runs or the client starts, a click does nothing', () => {
    expect(tunnelControlView(status({}), true, null)).toMatchObject({ action: null, label: 'Starting tunnel…', canChooseKind: false });
    expect(tunnelControlView(status({ state: 'running', kind: 'ngrok' }), true, null)).toMatchObject({ action: null, label: 'Stopping tunnel…' });
    expect(tunnelControlView(status({ state: 'starting', kind: 'ngrok' }), false, null).action).toBeNull();
  });

  it('no client installed: the refusal (install advice) shows, and Start can be tried again with another client', () => {
    const v = tunnelControlView(status({ state: 'failed', kind: 'ngrok', error: INSTALL }), false, INSTALL);
    expect(v).toMatchObject({ action: 'start', canChooseKind: true, message: INSTALL });
  });

  it("a tunnel that failed on its own (the client exited) shows the tunnel's error; a request refusal wins over it", () => {
    expect(tunnelControlView(status({ state: 'failed', kind: 'cloudflared', error: 'cloudflared exited (code 1)' }), false, null).message).toBe('cloudflared exited (code 1)');
    expect(tunnelControlView(status({ state: 'failed', kind: 'cloudflared', error: 'old' }), false, 'new').message).toBe('new');
    expect(tunnelControlView(status({ state: 'failed' }), false, null).message).toBe('The tunnel client stopped.');
  });
});
