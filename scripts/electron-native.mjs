#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node.
//
// Why a separate folder: node_modules/better-sqlite3/build holds the Node-ABI binary the
// tests and `serve` load. Rebuilding it in place for Electron (what electron-rebuild does)
// would break them, and the other way round. So this script copies the module's sources to
// a temp dir, builds there, and copies only the resulting .node file out; electron/main.ts
// passes its path to the core as sqliteNativeBinding. Packaged apps do not use this
// (electron-builder rebuilds node_modules for Electron while packaging).
//
// Usage: node scripts/electron-native.mjs [--force]
// Needs network: first a prebuilt binary from better-sqlite3's GitHub releases
// (prebuild-install), else Electron's headers (electronjs.org) plus a C++ toolchain (node-gyp).
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_DIR = '.electron-native';
export const BINARY_NAME = 'better_sqlite3.node';
export const INFO_NAME = 'build-info.json';

const PREBUILD_TIMEOUT_MS = 3 * 60_000;
const COMPILE_TIMEOUT_MS = 30 * 60_000;
const HEADERS_URL = process.env['POSTBACK_INSPECTOR_ELECTRON_HEADERS_URL'] ?? 'https://www.electronjs.org/headers';

const defaultRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the binary must match: Electron version/ABI, better-sqlite3 version, platform, arch. */
export function nativeTarget(root = defaultRoot) {
  const require = createRequire(join(root, 'package.json'));
  const electronPkg = require.resolve('electron/package.json');
  const sqlitePkg = require.resolve('better-sqlite3/package.json');
  const electronDir = dirname(electronPkg);
  return {
    electronVersion: JSON.parse(readFileSync(electronPkg, 'utf8')).version,
    // Shipped in the electron npm package; this is what NODE_MODULE_VERSION must equal.
    abi: readFileSync(join(electronDir, 'abi_version'), 'utf8').trim(),
    betterSqlite3Version: JSON.parse(readFileSync(sqlitePkg, 'utf8')).version,
    platform: process.platform,
    arch: process.arch,
    sqliteDir: dirname(sqlitePkg),
    outDir: join(root, NATIVE_DIR),
  };
}

const infoFields = ['electronVersion', 'abi', 'betterSqlite3Version', 'platform', 'arch'];

/** { ok: true } when .electron-native holds a binary built for the current target. */
export function nativeBuildStatus(root = defaultRoot) {
  const target = nativeTarget(root);
  const binary = join(target.outDir, BINARY_NAME);
  if (!existsSync(binary)) return { ok: false, reason: `${NATIVE_DIR}/${BINARY_NAME} is missing` };
  let info;
  try {
    info = JSON.parse(readFileSync(join(target.outDir, INFO_NAME), 'utf8'));
  } catch {
    return { ok: false, reason: `${NATIVE_DIR}/${INFO_NAME} is missing or unreadable` };
  }
  for (const field of infoFields) {
    if (info[field] !== target[field]) {
      return { ok: false, reason: `built for ${field} ${info[field]}, need ${target[field]}` };
    }
  }
  return { ok: true, binary };
}

/** Runs a command; rejects with its (tail of) output on failure or timeout. */
function run(label, command, args, { cwd, timeoutMs, inherit = false }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolvePromise();
      const why = signal ? `was killed (${signal}${signal === 'SIGKILL' ? ', timed out?' : ''})` : `exited with ${code}`;
      reject(new Error(`${label} ${why}${output ? `\n${output.trim()}` : ''}`));
    });
  });
}

/**
 * Builds (or downloads) the Electron-ABI binary. Never writes inside node_modules.
 * Throws an Error whose message says what failed and what to do.
 */
export async function buildElectronNative(root = defaultRoot, log = (line) => console.log(line)) {
  const target = nativeTarget(root);
  const require = createRequire(join(target.sqliteDir, 'package.json'));
  const work = mkdtempSync(join(tmpdir(), 'pi-electron-native-'));
  const failures = [];
  try {
    // Sources only: the existing build/ is the Node binary, prebuilds/ would confuse the tools.
    const skip = new Set(['build', 'prebuilds', 'node_modules'].map((name) => join(target.sqliteDir, name)));
    cpSync(target.sqliteDir, work, { recursive: true, filter: (path) => !skip.has(path) });
    const built = join(work, 'build', 'Release', BINARY_NAME);
    log(`Building better-sqlite3 ${target.betterSqlite3Version} for Electron ${target.electronVersion} (ABI ${target.abi}, ${target.platform}-${target.arch})…`);

    try {
      // prebuild-install reads ./package.json, so it runs in the copy and fills its build/.
      const prebuildInstall = require.resolve('prebuild-install/bin.js');
      const args = ['--runtime=electron', `--target=${target.electronVersion}`, `--arch=${target.arch}`, `--platform=${target.platform}`];
      await run('prebuild-install', process.execPath, [prebuildInstall, ...args], { cwd: work, timeoutMs: PREBUILD_TIMEOUT_MS });
      if (!existsSync(built)) throw new Error('prebuild-install reported success but produced no binary');
      log('Downloaded a prebuilt binary.');
    } catch (error) {
      failures.push(`prebuilt download (prebuild-install): ${error.message}`);
      log('No prebuilt binary; compiling from source with node-gyp against Electron headers…');
      try {
        const nodeGyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
        // Same flags @electron/rebuild passes; a separate devdir keeps Electron headers
        // apart from Node's in ~/.cache/node-gyp.
        const args = [
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${target.electronVersion}`,
          `--arch=${target.arch}`,
          `--dist-url=${HEADERS_URL}`,
          `--devdir=${join(homedir(), '.electron-gyp')}`,
        ];
        await run('node-gyp', process.execPath, [nodeGyp, ...args], { cwd: work, timeoutMs: COMPILE_TIMEOUT_MS, inherit: true });
        if (!existsSync(built)) throw new Error(`node-gyp finished but ${BINARY_NAME} is missing`);
      } catch (gypError) {
        failures.push(`source build (node-gyp): ${gypError.message}`);
        throw new Error(
          [
            `Could not build better-sqlite3 for Electron ${target.electronVersion}.`,
            ...failures.map((line) => `  - ${line}`),
            'Needs network access to GitHub (prebuilt binaries) or to Electron headers',
            `(${HEADERS_URL}) plus a C++ toolchain (Python 3, make and g++/clang; Xcode CLT on macOS; VS Build Tools on Windows).`,
            'node_modules/better-sqlite3 was not modified; `npm run serve` (headless) still works.',
          ].join('\n'),
        );
      }
    }

    mkdirSync(target.outDir, { recursive: true });
    // Copy then rename, and write build-info.json last: an interrupted run never looks complete.
    const binary = join(target.outDir, BINARY_NAME);
    copyFileSync(built, `${binary}.tmp`);
    renameSync(`${binary}.tmp`, binary);
    const info = Object.fromEntries(infoFields.map((field) => [field, target[field]]));
    writeFileSync(join(target.outDir, INFO_NAME), `${JSON.stringify({ ...info, builtAt: new Date().toISOString() }, null, 2)}\n`);
    log(`Wrote ${NATIVE_DIR}/${BINARY_NAME}.`);
    return binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const force = process.argv.includes('--force');
  const status = nativeBuildStatus();
  if (status.ok && !force) {
    console.log(`${NATIVE_DIR}/${BINARY_NAME} is up to date (use --force to rebuild).`);
  } else {
    try {
      await buildElectronNative();
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  }
}
