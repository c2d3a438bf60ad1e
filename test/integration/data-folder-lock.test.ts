/**
 * One app per data folder: a second core or `serve` on the same folder refuses and names the
 * holder; the lock dies with its process (kill -9 leaves nothing stale); `send --data-dir` on a
 * held folder goes through the running app, so the send is recorded once, by one outbox.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSend, type SendOptions } from '../../src/cli/send-command.js';
import { CoreError } from '../../src/errors.js';
import { createCore } from '../../src/index.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { startServe } from '../helpers/serve-process.js';

const bin = new URL('../../bin/postback-inspector.js', import.meta.url).pathname;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-lock-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A serve that wrongly starts would run forever: end it so the test fails on its output.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the data folder lock', () => {
  it('refuses a second core on the same folder, naming the holder, and frees the folder on close', async () => {
    const first: TestCore = await startCore();
    cleanups.push(() => first.close());
    const second = createCore({ dataDir: first.dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });
    const error = (await second.catch((e: unknown) => e)) as CoreError;
    expect(error).toBeInstanceOf(CoreError);
    expect(error.code).toBe('DATA_FOLDER_LOCKED');
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain(first.core.controlUrl);
    // The refused start touched nothing: the first still captures.
    expect((await fetch(`${first.core.receiverUrl}/pb?after=refusal`)).status).toBe(200);
    // The holder file names the control API and is readable by the user only (it carries the token).
    expect(statSync(join(first.dataDir, 'instance.json')).mode & 0o077).toBe(0);

    const dataDir = first.dataDir;
    await first.core.close();
    expect(existsSync(join(dataDir, 'instance.json'))).toBe(false);
    const third = await createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });
    expect(third.exchanges.count()).toBe(1);
    await third.close();
  });

  it('a second `serve` exits 2 naming the first one’s pid; after kill -9 of the first, a new one starts', async () => {
    const dataDir = tempDir();
    const first = await startServe([], { dataDir });
    cleanups.push(() => first.stop());
    const refused = await runCli(['serve', '--json', '--receiver-port', '0', '--data', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`held by pid ${first.child.pid}`);
    expect(refused.stderr).toContain(first.controlUrl);
    expect(refused.stdout).toBe('');

    const killed = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;
    // The OS dropped the lock with the process: nothing stale to clean by hand.
    const next = await startServe([], { dataDir });
    cleanups.push(() => next.stop());
    expect((await fetch(`${next.receiverUrl}/pb?after=kill`)).status).toBe(200);
  });

  it('`send --data-dir` on a folder the app holds is sent by the app: one outbox row, one history', async () => {
    const app = await startCore();
    cleanups.push(() => app.close());
    const out: string[] = [];
    const err: string[] = [];
    const options: SendOptions = { url: `${app.core.receiverUrl}/pb?click_id={click_id}`, header: [], var: ['click_id=via-app'], dataDir: app.dataDir, json: true };
    const code = await runSend(options, { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(code).toBe(0);
    expect(err.join('')).toContain(`sending through the running app (pid ${process.pid}, ${app.core.controlUrl})`);
    const result = JSON.parse(out.join('')) as { delivered: boolean; outbox: { id: number } };
    expect(result.delivered).toBe(true);
    // Recorded by the app's own sender, so its Outbox shows it.
    const outbox = (await (await app.api('/api/outbox')).json()) as { items: Array<{ id: number }> };
    expect(outbox.items.map((item) => item.id)).toEqual([result.outbox.id]);
    // The token never reaches the output.
    expect(out.join('') + err.join('')).not.toContain(app.core.token);
  });
});
