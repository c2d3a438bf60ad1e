import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../bin/postback-inspector.js', import.meta.url).pathname;

describe('postback-inspector serve', () => {
  it('prints one JSON line when ready, captures, and exits 0 on SIGTERM with everything flushed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-cli-'));
    const child = spawn(process.execPath, [bin, 'serve', '--json', '--receiver-port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const ready = JSON.parse(first) as { receiverUrl: string; controlUrl: string; token: string; dataDir: string };
      expect(Object.keys(ready).sort()).toEqual(['controlUrl', 'dataDir', 'receiverUrl', 'token']);
      expect(ready.dataDir).toBe(dataDir);
      expect((await fetch(`${ready.receiverUrl}/pb?click_id=cli-1`)).status).toBe(200);
      const page = (await (await fetch(`${ready.controlUrl}/api/exchanges`, { headers: { Authorization: `Bearer ${ready.token}` } })).json()) as { items: Array<{ url: string }> };
      expect(page.items[0]?.url).toBe('/pb?click_id=cli-1');
      const ui = await fetch(`${ready.controlUrl}/`);
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(stderr).not.toContain(ready.token);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says clearly when the receiver port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-cli-'));
    const child = spawn(process.execPath, [bin, 'serve', '--receiver-port', String(port), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    blocker.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`receiver port ${port} .* already in use`));
  });
});
