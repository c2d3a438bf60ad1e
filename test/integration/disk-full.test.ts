/**
 * A full disk is a state, not a crash: on a small tmpfs the built `serve` answers 507 STORE_FULL
 * (with Retry-After) once the store cannot write, says why in /api/status, keeps running, and
 * captures again as soon as space is freed. A start on a full disk serves what is stored.
 * Needs a tmpfs mount (root); without one the test says why it skips.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreStatus } from '../../src/index.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'pi-full-'));
let mounted = false;
let why = '';
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  why = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
  console.log(`disk-full test skipped: mounting a tmpfs needs root (${why})`);
}

const dataDir = join(mountPoint, 'data');
const filler = join(mountPoint, 'filler');
const body = Buffer.alloc(96 * 1024, 'x');
let app: ServeProcess | null = null;

beforeAll(() => {
  // Space to give back later, taken before the app starts.
  if (mounted) writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
});
afterAll(async () => {
  await app?.stop();
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

async function post(n: number): Promise<Response> {
  return fetch(`${app!.receiverUrl}/pb?click_id=full-${n}`, { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream' } });
}

async function status(): Promise<CoreStatus> {
  return (await (await fetch(`${app!.controlUrl}/api/status`, { headers: { Authorization: `Bearer ${app!.token}` } })).json()) as CoreStatus;
}

async function fillUntilRefused(from: number): Promise<{ accepted: number; refusal: Response }> {
  for (let n = from; n < from + 400; n++) {
    const response = await post(n);
    if (response.status !== 200) return { accepted: n - from, refusal: response };
  }
  throw new Error('the disk never filled');
}

describe.skipIf(!mounted)('a full disk', () => {
  it('answers 507 with Retry-After, says so in the status, keeps running, and captures again once space is freed', async () => {
    app = await startServe([], { dataDir });
    const { accepted, refusal } = await fillUntilRefused(0);
    expect(refusal.status).toBe(507);
    expect(refusal.headers.get('retry-after')).toBe('1');
    expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe('STORE_FULL');
    const full = await status();
    expect(full.store).toMatchObject({ state: 'full' });
    expect(full.receiverState).toBe('error');
    expect(full.receiverError).toMatch(/disk .* is full/);
    console.log(`disk full after ${accepted} captures of ${body.length / 1024} KiB`);

    // The derivation thread and the sender meet the full disk too: the process must not end.
    for (let n = 0; n < 20; n++) expect((await post(1000 + n)).status).toBe(507);
    await new Promise((r) => setTimeout(r, 1500));
    expect(app.child.exitCode).toBeNull();
    expect((await fetch(`${app.controlUrl}/api/exchanges?limit=1`, { headers: { Authorization: `Bearer ${app.token}` } })).status).toBe(200);

    rmSync(filler);
    const resumed = await post(2000);
    expect(resumed.status).toBe(200);
    expect((await status()).store).toMatchObject({ state: 'ok' });
  });

  it('a start on a full disk says so and loses nothing; with space back it starts with every capture', async () => {
    await fillUntilRefused(3000);
    const before = (await status()).exchangeCount;
    await app!.stop();
    app = null;
    // Take the last free bytes, as another program on the disk would.
    try {
      writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
    } catch {
      // ENOSPC: the disk is full, as intended (the file keeps what fitted).
    }
    // Whether SQLite can still map its shared-memory file depends on the filesystem: either the app
    // starts and serves what is stored (new captures 507), or it exits 2 saying why. Never a crash loop.
    const started = await startServe([], { dataDir }).catch((error: Error) => error);
    if (started instanceof Error) {
      expect(started.message).toMatch(/exited 2: .*disk holding .* too few to open the store.*nothing stored is lost/s);
      console.log('start on a full disk: refused with a clear message');
    } else {
      app = started;
      expect((await status()).exchangeCount).toBe(before);
      expect((await post(3999)).status).toBe(507);
      await app.stop();
      app = null;
      console.log('start on a full disk: served what is stored, captures answered 507');
    }
    // Space comes back: the disk grows.
    execFileSync('mount', ['-o', 'remount,size=16m', mountPoint]);
    app = await startServe([], { dataDir });
    expect((await status()).exchangeCount).toBe(before);
    expect((await post(4000)).status).toBe(200);
  });
});
