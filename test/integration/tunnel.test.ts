/**
 * The tunnel, with a fake `cloudflared` first on PATH (test/helpers/fake-tunnel.ts): `serve
 * --tunnel` prints the public URL and a request through it is captured and marked; the control
 * API starts/stops it, says clearly when no client is installed, and a crashed client is a status,
 * never the app's end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreStatus, ExchangeDetail, TunnelStatus } from '../../src/index.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { FAKE_CLIENT_IP, FAKE_PUBLIC_HOST, fakeCloudflared, isAlive, type FakeTunnel } from '../helpers/fake-tunnel.js';
import { startServe } from '../helpers/serve-process.js';

const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('serve --tunnel (the built app)', () => {
  let fake: FakeTunnel;
  beforeAll(() => (fake = fakeCloudflared()));
  afterAll(() => fake.remove());

  it('prints the public URL, and a request through it is captured, marked with the partner address', async () => {
    const app = await startServe(['--tunnel'], { env: { ...process.env, PATH: fake.path } });
    const auth = { headers: { Authorization: `Bearer ${app.token}` } };
    try {
      expect(app.tunnelUrl).toBe(`https://${FAKE_PUBLIC_HOST}`);
      const forwarder = fake.forwarder()!;
      // Only the receiver port is given to the client.
      expect(forwarder.args).toEqual(['tunnel', '--url', `http://127.0.0.1:${new URL(app.receiverUrl).port}`]);

      expect((await fake.get('/pb?click_id=tun-1&event=install')).status).toBe(200);
      const detail = (await (await fetch(`${app.controlUrl}/api/exchanges/wait?param.click_id=tun-1&timeout=3000`, auth)).json()) as ExchangeDetail;
      expect(detail.tunnel).toEqual({ via: 'cloudflare', clientAddress: FAKE_CLIENT_IP });
      // The same capture read by id says so too; a direct one does not.
      expect(((await (await fetch(`${app.controlUrl}/api/exchanges/${detail.id}`, auth)).json()) as ExchangeDetail).tunnel).toEqual({ via: 'cloudflare', clientAddress: FAKE_CLIENT_IP });
      await fetch(`${app.receiverUrl}/pb?click_id=direct-1`);
      const direct = (await (await fetch(`${app.controlUrl}/api/exchanges/wait?param.click_id=direct-1&timeout=3000`, auth)).json()) as ExchangeDetail;
      expect(direct.tunnel).toBeUndefined();

      // The control API is not behind the tunnel: /api/status through it is just a captured postback.
      const probe = await fake.get('/api/status?click_id=probe-1');
      expect(probe.body).not.toContain(app.token);
      expect(probe.body).not.toContain('receiverState');
      expect(((await (await fetch(`${app.controlUrl}/api/exchanges/wait?param.click_id=probe-1&timeout=3000`, auth)).json()) as ExchangeDetail).path).toBe('/api/status');

      const status = (await (await fetch(`${app.controlUrl}/api/status`, auth)).json()) as CoreStatus;
      expect(status.tunnel).toEqual({ state: 'running', kind: 'cloudflared', publicUrl: `https://${FAKE_PUBLIC_HOST}`, error: null });
    } finally {
      await app.stop();
    }
    // Closing the app stops the client.
    await until(() => !isAlive(fake.forwarder()!.pid));
  });

  it('without any tunnel client installed, says which binaries it looked for and how to install them, and keeps serving', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pi-empty-path-'));
    const app = await startServe(['--tunnel', 'ngrok'], { env: { ...process.env, PATH: empty } });
    try {
      expect(app.tunnelUrl).toBeNull();
      expect(app.stderr()).toMatch(/no "ngrok" found on PATH.*cloudflared and ssh.*Install one: cloudflared: https:\/\/.*ngrok: https:\/\/ngrok\.com\/download/);
      expect((await fetch(`${app.receiverUrl}/pb?click_id=still-1`)).status).toBe(200);
    } finally {
      await app.stop();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('tunnel control API', () => {
  let tc: TestCore;
  let fake: FakeTunnel;
  const savedPath = process.env['PATH'];
  beforeAll(async () => {
    fake = fakeCloudflared();
    tc = await startCore();
  });
  afterEach(() => {
    process.env['PATH'] = savedPath;
  });
  afterAll(async () => {
    await tc.close();
    fake.remove();
  });
  const post = (path: string, body?: unknown): Promise<Response> =>
    tc.api(path, { method: 'POST', ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) });

  it('starts, reports, stops; a crashed client is reported and the receiver goes on', async () => {
    process.env['PATH'] = fake.path;
    const started = await post('/api/tunnel/start', { kind: 'cloudflared' });
    expect(started.status).toBe(200);
    expect(((await started.json()) as TunnelStatus).publicUrl).toBe(`https://${FAKE_PUBLIC_HOST}`);
    expect(((await (await tc.api('/api/tunnel')).json()) as TunnelStatus).state).toBe('running');
    const first = fake.forwarder()!.pid;

    expect(((await (await post('/api/tunnel/stop')).json()) as TunnelStatus).state).toBe('stopped');
    await until(() => !isAlive(first));

    await post('/api/tunnel/start', { kind: 'cloudflared' });
    const second = fake.forwarder()!.pid;
    expect(second).not.toBe(first);
    process.kill(second, 'SIGKILL');
    await until(() => tc.core.tunnel.status().state === 'failed');
    const status = (await (await tc.api('/api/status')).json()) as CoreStatus;
    expect(status.tunnel).toMatchObject({ state: 'failed', kind: 'cloudflared', publicUrl: null });
    expect(status.tunnel?.error).toMatch(/cloudflared exited \(SIGKILL\)/);
    expect((await fetch(`${tc.core.receiverUrl}/pb?click_id=after-crash`)).status).toBe(200);
  });

  it('answers 409 with the install hint when the client is missing, and 400 for an ssh tunnel without its URL', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pi-empty-path-'));
    process.env['PATH'] = empty;
    try {
      const missing = await post('/api/tunnel/start', { kind: 'cloudflared' });
      expect(missing.status).toBe(409);
      expect(JSON.stringify(await missing.json())).toMatch(/no \\"cloudflared\\" found on PATH.*Install one/);
      expect(((await (await tc.api('/api/tunnel')).json()) as TunnelStatus).state).toBe('failed');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect((await post('/api/tunnel/start', { kind: 'ssh:me@example.com' })).status).toBe(400);
    expect((await post('/api/tunnel/start', { kind: 'ssh:-oProxyCommand=x', publicUrl: 'https://x.example' })).status).toBe(400);
    expect((await post('/api/tunnel/start', { kind: 'carrier-pigeon' })).status).toBe(400);
  });

  it('closing the core stops a running client', async () => {
    process.env['PATH'] = fake.path;
    const other = await startCore();
    await other.api('/api/tunnel/start', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'cloudflared' }) });
    const pid = fake.forwarder()!.pid;
    expect(isAlive(pid)).toBe(true);
    await other.close();
    expect(isAlive(pid)).toBe(false);
  });
});
