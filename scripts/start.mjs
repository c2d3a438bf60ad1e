#!/usr/bin/env node
// `npm start`: the desktop app when Electron can run here, otherwise the headless server
// (`postback-inspector serve`), which serves the same UI to a browser.
//
//   npm start                    desktop if possible, else headless
//   npm start -- --headless      always headless; other arguments go to `serve`
//   npm start -- --rebuild       run `npm run build` first even if dist/ exists
//
// Env: POSTBACK_INSPECTOR_HEADLESS=1 (same as --headless),
//      POSTBACK_INSPECTOR_ELECTRON_PROBE_MS (how long the Electron check may take).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PROBE_MS = 30_000;
const RESULT_MARK = '@@pi-electron-probe@@';

// Runs in a child Node process. require('electron') returns the binary's path, but when
// the binary is missing it first tries to download it (spawnSync of install.js, stdio
// inherited), which can hang offline behind a firewall. In a child we can time that out,
// keep its noise out of the terminal, and kill the whole download.
const PROBE_SOURCE = `
const { createRequire } = require('node:module');
let result;
try {
  result = { ok: true, path: String(createRequire(process.cwd() + '/package.json')('electron')) };
} catch (error) {
  result = { ok: false, message: error && error.message ? error.message : String(error) };
}
process.stdout.write('\\n${RESULT_MARK}' + JSON.stringify(result) + '\\n');
`;

/** First "SomethingError: …" line of the download attempt, to say why in one line. */
function downloadError(stderr) {
  const line = stderr.split('\n').find((text) => /^\w*Error\b.*:/.test(text.trim()) && !text.includes('failed to install correctly'));
  return line?.trim();
}

/**
 * Resolves to { ok: true, path } or { ok: false, reason }. Never rejects, never outlives
 * timeoutMs by more than a moment.
 */
export function probeElectron({ cwd = root, timeoutMs = DEFAULT_PROBE_MS } = {}) {
  return new Promise((resolvePromise) => {
    const env = { ...process.env };
    delete env['ELECTRON_RUN_AS_NODE'];
    // Own process group (POSIX), so a timeout also kills the install.js grandchild.
    const detached = process.platform !== 'win32';
    const child = spawn(process.execPath, ['-e', PROBE_SOURCE], { cwd, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
    const killProbe = () => {
      try {
        if (detached) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    // The probe is in its own process group, so Ctrl+C no longer reaches it: take it
    // down ourselves, then die of the same signal.
    const onSignal = (signal) => {
      killProbe();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.kill(process.pid, signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let settled = false;
    const settle = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolvePromise(result);
    };
    const timer = setTimeout(() => {
      killProbe();
      settle({ ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s; the Electron download is probably stuck` });
    }, timeoutMs);
    child.on('error', (error) => settle({ ok: false, reason: error.message }));
    child.on('close', () => {
      const marked = stdout.split('\n').find((line) => line.startsWith(RESULT_MARK));
      if (!marked) return settle({ ok: false, reason: downloadError(stderr) ?? 'the electron package could not be loaded' });
      let result;
      try {
        result = JSON.parse(marked.slice(RESULT_MARK.length));
      } catch {
        return settle({ ok: false, reason: 'unreadable answer from the electron package' });
      }
      if (result.ok && existsSync(result.path)) return settle({ ok: true, path: result.path });
      if (result.ok) return settle({ ok: false, reason: `binary not found at ${result.path}` });
      const cause = downloadError(stderr);
      settle({ ok: false, reason: cause ? `${result.message.split('.')[0]}: ${cause}` : result.message });
    });
  });
}

/** Why Electron cannot show a window here, before even looking for the binary. */
export function displayProblem(platform = process.platform, env = process.env) {
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return 'no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

function missingBuildOutputs(mode) {
  const needed = ['dist/src/cli.js', 'dist/renderer/index.html'];
  if (mode === 'electron') needed.push('dist/src/index.js', 'dist/electron/main.js', 'dist/electron/preload.cjs');
  return needed.filter((file) => !existsSync(join(root, file)));
}

/** Spawns a child that owns the terminal; forwards stop signals; resolves to its exit code. */
function runForeground(command, args, env = process.env) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    // Ctrl+C in a terminal already reaches the child (same process group); forwarding
    // covers `kill <pid>` and npm relaying a signal to this script only.
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('close', (code, signal) => {
      for (const name of signals) process.off(name, forward);
      // Shell convention for "killed by signal N": 128 + N.
      resolvePromise(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

async function ensureBuilt(mode, force) {
  const missing = missingBuildOutputs(mode);
  if (!force && missing.length === 0) return;
  if (missing.length > 0) console.log(`Missing ${missing.join(', ')}; running npm run build…`);
  // Reuse the npm that launched us when there is one (npm_execpath), else npm on PATH.
  const npmCli = process.env['npm_execpath'];
  const code = npmCli
    ? await runForeground(process.execPath, [npmCli, 'run', 'build'])
    : await runForeground(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
  const still = missingBuildOutputs(mode);
  if (code !== 0 || still.length > 0) {
    throw new Error(`npm run build failed${still.length ? ` (still missing ${still.join(', ')})` : ''}`);
  }
}

async function headless(notice, serveArgs, rebuild, hint) {
  if (notice) console.log(`${notice}; starting headless mode instead.`);
  if (hint) console.log(hint);
  await ensureBuilt('headless', rebuild);
  return runForeground(process.execPath, [join(root, 'bin', 'postback-inspector.js'), 'serve', ...serveArgs]);
}

async function main(argv) {
  const rebuild = argv.includes('--rebuild');
  const forceHeadless = argv.includes('--headless') || process.env['POSTBACK_INSPECTOR_HEADLESS'] === '1';
  const serveArgs = argv.filter((arg) => arg !== '--headless' && arg !== '--rebuild');
  if (forceHeadless) return headless(null, serveArgs, rebuild);

  const noDisplay = displayProblem();
  if (noDisplay) return headless(`Cannot open a desktop window: ${noDisplay}`, serveArgs, rebuild);

  const probeMs = Number(process.env['POSTBACK_INSPECTOR_ELECTRON_PROBE_MS'] ?? DEFAULT_PROBE_MS);
  const electron = await probeElectron({ timeoutMs: Number.isFinite(probeMs) && probeMs > 0 ? probeMs : DEFAULT_PROBE_MS });
  if (!electron.ok) {
    const hint = 'To get the desktop app, run `npx install-electron` while online, then `npm start` again.';
    return headless(`Electron binary not available (${electron.reason})`, serveArgs, rebuild, hint);
  }

  await ensureBuilt('electron', rebuild);

  // Electron cannot load the Node-ABI better-sqlite3 in node_modules; it gets its own build.
  const native = await import('./electron-native.mjs');
  const status = native.nativeBuildStatus(root);
  if (!status.ok) {
    console.log(`Electron build of better-sqlite3 needed (${status.reason}).`);
    try {
      await native.buildElectronNative(root);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return headless('No better-sqlite3 build for Electron (see above)', serveArgs, false);
    }
  }
  if (serveArgs.length > 0) console.log(`Ignoring ${serveArgs.join(' ')}: options apply to headless mode (--headless).`);

  const env = { ...process.env };
  // Set by some tools; it would make the Electron binary behave as plain Node.
  delete env['ELECTRON_RUN_AS_NODE'];
  return runForeground(electron.path, [root], env);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
