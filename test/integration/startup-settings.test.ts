/**
 * Startup settings (receiver port, bind address, body limit) are validated with field errors,
 * saved in the data folder, and used by the next `serve` started without the matching flag; a
 * flag still wins. Runs the BUILT app (`npm run build` first), as a user would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StartupSettingsView } from '../../src/model/settings.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess | null = null;
let blocker: Server | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'pi-startup-'));

afterEach(async () => {
  await app?.stop();
  app = null;
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = null;
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${app!.controlUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${app!.token}`, 'Content-Type': 'application/json', ...init.headers } });
}

async function view(): Promise<StartupSettingsView> {
  return (await (await api('/api/settings/startup')).json()) as StartupSettingsView;
}

/** A port that was free a moment ago (the OS picks it; we give it back at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const portOf = (url: string): number => Number(new URL(url).port);

describe('startup settings', () => {
  it('refuses bad values with one field error each, and saves nothing', async () => {
    app = await startServe([], { dataDir });
    const before = await view();
    expect(before.saved).toEqual({ receiverPort: null, bind: null, maxBodyBytes: null });
    expect(before.sources).toEqual({ receiverPort: 'flag', bind: 'default', maxBodyBytes: 'default' });
    expect(before.defaults).toEqual({ receiverPort: 4100, bind: '127.0.0.1', maxBodyBytes: 10 * 1024 * 1024 });
    expect(before.dataDir).toBe(dataDir);

    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ receiverPort: 70000, bind: 'example.com', maxBodyBytes: 512, extra: 1 }, ['bind', 'extra', 'maxBodyBytes', 'receiverPort']],
      [{ receiverPort: 41.5 }, ['receiverPort']],
      [{ receiverPort: '4100' }, ['receiverPort']],
      [{ bind: '999.1.1.1' }, ['bind']],
      [{ maxBodyBytes: 1024 ** 3 + 1 }, ['maxBodyBytes']],
    ];
    for (const [body, fields] of cases) {
      const res = await api('/api/settings/startup', { method: 'PUT', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { code: string; fields: Array<{ field: string; message: string }> } }).error;
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.fields.map((f) => f.field).sort()).toEqual(fields);
      for (const f of error.fields) expect(f.message.length).toBeGreaterThan(5);
    }
    expect((await view()).saved).toEqual({ receiverPort: null, bind: null, maxBodyBytes: null });
  });

  it('a saved receiver port, address and body limit are used by the next start without flags; a flag still wins', async () => {
    app = await startServe([], { dataDir });
    const port = await freePort();
    const put = await api('/api/settings/startup', { method: 'PUT', body: JSON.stringify({ receiverPort: port, bind: '127.0.0.1', maxBodyBytes: 2048 }) });
    expect(put.status).toBe(200);
    const saved = (await put.json()) as StartupSettingsView;
    expect(saved.saved).toEqual({ receiverPort: port, bind: '127.0.0.1', maxBodyBytes: 2048 });
    // Not applied to the running receiver: it keeps the port it was started on.
    expect(saved.running.receiverPort).toBe(0);
    expect(portOf(saved.receiverUrl)).not.toBe(port);
    await app.stop();

    app = await startServe([], { dataDir, savedReceiverPort: true });
    expect(portOf(app.receiverUrl)).toBe(port);
    const next = await view();
    expect(next.sources).toEqual({ receiverPort: 'saved', bind: 'saved', maxBodyBytes: 'saved' });
    expect(next.running).toEqual({ receiverPort: port, bind: '127.0.0.1', maxBodyBytes: 2048 });
    expect((await fetch(`${app.receiverUrl}/pb?click_id=small`, { method: 'POST', body: 'x'.repeat(1000) })).status).toBe(200);
    expect((await fetch(`${app.receiverUrl}/pb?click_id=big`, { method: 'POST', body: 'x'.repeat(4000) })).status).toBe(413);
    await app.stop();

    // --receiver-port 0 (any free port) and --max-body are flags: they win over the saved values.
    app = await startServe(['--max-body', '8k'], { dataDir });
    expect(portOf(app.receiverUrl)).not.toBe(port);
    const flagged = await view();
    expect(flagged.sources).toEqual({ receiverPort: 'flag', bind: 'saved', maxBodyBytes: 'flag' });
    expect(flagged.running.maxBodyBytes).toBe(8192);
    expect(flagged.saved.receiverPort).toBe(port);
    expect((await fetch(`${app.receiverUrl}/pb?click_id=mid`, { method: 'POST', body: 'x'.repeat(4000) })).status).toBe(200);
  });

  it('a saved port that is taken stops the start with a message naming the flag that overrides it', async () => {
    app = await startServe([], { dataDir });
    const port = await freePort();
    expect((await api('/api/settings/startup', { method: 'PUT', body: JSON.stringify({ receiverPort: port }) })).status).toBe(200);
    await app.stop();
    app = null;
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
    await expect(startServe([], { dataDir, savedReceiverPort: true })).rejects.toThrow(/already in use.*--receiver-port overrides it/s);
  });
});
