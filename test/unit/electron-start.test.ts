import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ProbeResult = { ok: true; path: string } | { ok: false; reason: string };
interface StartModule {
  probeElectron(options: { cwd: string; timeoutMs: number }): Promise<ProbeResult>;
  displayProblem(platform: string, env: Record<string, string | undefined>): string | null;
}
interface NativeModule {
  nativeBuildStatus(root: string): { ok: true; binary: string } | { ok: false; reason: string };
}

// Plain .mjs scripts (they run before any build); imported by URL so tsc does not need types.
const start = (await import(new URL('../../scripts/start.mjs', import.meta.url).href)) as StartModule;
const native = (await import(new URL('../../scripts/electron-native.mjs', import.meta.url).href)) as NativeModule;

const scratch = mkdtempSync(join(tmpdir(), 'pi-electron-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Alive and not a zombie (an orphan may wait a moment for init to reap it). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** A project folder whose node_modules/electron/index.js is `body`. */
function fakeProject(name: string, body: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"fake","type":"module"}');
  writeFileSync(join(dir, 'node_modules', 'electron', 'package.json'), '{"name":"electron","version":"45.5.0","main":"index.js"}');
  writeFileSync(join(dir, 'node_modules', 'electron', 'index.js'), body);
  return dir;
}

describe('probeElectron (npm start)', () => {
  it('returns the binary path when electron resolves to an existing file', async () => {
    const dir = fakeProject('ok', "console.log('Downloading Electron binary...'); module.exports = __filename;");
    const result = await start.probeElectron({ cwd: dir, timeoutMs: 10_000 });
    expect(result).toEqual({ ok: true, path: join(dir, 'node_modules', 'electron', 'index.js') });
  });

  it('falls back with the download error when the binary cannot be installed', async () => {
    const dir = fakeProject(
      'fails',
      "console.error('TypeError: fetch failed\\n    at x'); throw new Error('Electron failed to install correctly. Please delete node_modules/electron.');",
    );
    const result = await start.probeElectron({ cwd: dir, timeoutMs: 10_000 });
    expect(result).toEqual({ ok: false, reason: 'Electron failed to install correctly: TypeError: fetch failed' });
  });

  it('reports a path that does not exist', async () => {
    const dir = fakeProject('missing', "module.exports = '/nonexistent/electron';");
    const result = await start.probeElectron({ cwd: dir, timeoutMs: 10_000 });
    expect(result.ok).toBe(false);
  });

  it('gives up quickly when the download hangs, killing the download process too', async () => {
    // Like electron/index.js: a synchronous "download" child that never finishes.
    const pidFile = join(scratch, 'download.pid');
    const download = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`;
    const dir = fakeProject(
      'hangs',
      `require('child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(download)}], { stdio: 'inherit' }); module.exports = 'never';`,
    );
    const started = Date.now();
    const result = await start.probeElectron({ cwd: dir, timeoutMs: 800 });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/no answer within/);
    expect(Date.now() - started).toBeLessThan(5_000);
    if (process.platform !== 'win32') {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      const deadline = Date.now() + 3_000;
      while (isRunning(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(isRunning(pid)).toBe(false);
    }
  });

  it('reports a missing electron package', async () => {
    const dir = join(scratch, 'none');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"fake"}');
    const result = await start.probeElectron({ cwd: dir, timeoutMs: 10_000 });
    expect(result.ok).toBe(false);
  });
});

describe('displayProblem', () => {
  it('needs X11 or Wayland on Linux only', () => {
    expect(start.displayProblem('linux', {})).toMatch(/no graphical display/);
    expect(start.displayProblem('linux', { DISPLAY: ':0' })).toBeNull();
    expect(start.displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(start.displayProblem('darwin', {})).toBeNull();
    expect(start.displayProblem('win32', {})).toBeNull();
  });
});

describe('nativeBuildStatus (electron-native)', () => {
  const root = join(scratch, 'native');
  const outDir = join(root, '.electron-native');
  beforeAll(() => {
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"name":"fake"}');
    writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), '{"name":"electron","version":"45.5.0"}');
    writeFileSync(join(root, 'node_modules', 'electron', 'abi_version'), '140\n');
    writeFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), '{"name":"better-sqlite3","version":"12.11.1"}');
  });
  const info = { electronVersion: '45.5.0', abi: '140', betterSqlite3Version: '12.11.1', platform: process.platform, arch: process.arch };

  it('asks for a build when the binary is missing', () => {
    expect(native.nativeBuildStatus(root)).toEqual({ ok: false, reason: '.electron-native/better_sqlite3.node is missing' });
  });

  it('accepts a binary built for this Electron, better-sqlite3 and platform', () => {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'better_sqlite3.node'), 'binary');
    writeFileSync(join(outDir, 'build-info.json'), JSON.stringify(info));
    expect(native.nativeBuildStatus(root)).toEqual({ ok: true, binary: join(outDir, 'better_sqlite3.node') });
  });

  it('asks for a rebuild after an Electron upgrade', () => {
    writeFileSync(join(outDir, 'build-info.json'), JSON.stringify({ ...info, electronVersion: '44.0.0', abi: '139' }));
    const status = native.nativeBuildStatus(root);
    expect(status).toEqual({ ok: false, reason: 'built for electronVersion 44.0.0, need 45.5.0' });
  });
});
