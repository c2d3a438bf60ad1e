// Where the desktop shell finds its files, as pure functions of a few inputs so the
// dev (`electron .`) and packaged (app.asar) layouts can both be tested.
import { join, sep } from 'node:path';

/** Folder scripts/electron-native.mjs writes the Electron-ABI better-sqlite3 build to. */
export const ELECTRON_NATIVE_DIR = '.electron-native';
export const ELECTRON_SQLITE_BINARY = 'better_sqlite3.node';

/**
 * The real on-disk path of a file electron-builder unpacked (asarUnpack). Electron's fs
 * shim would redirect reads of "app.asar/…" too, but handing the static file server a
 * plain directory keeps it off the shim entirely.
 */
export function asarUnpackedPath(path: string): string {
  const marker = `${sep}app.asar${sep}`;
  const at = path.indexOf(marker);
  if (at === -1) return path;
  return `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + marker.length)}`;
}

/** dist/renderer, seen from the compiled dist/electron/main.js. */
export function uiDirFrom(compiledElectronDir: string): string {
  return asarUnpackedPath(join(compiledElectronDir, '..', 'renderer'));
}

/**
 * In development node_modules/better-sqlite3 holds the Node-ABI build the tests use, so
 * Electron loads a separate build from .electron-native/. A packaged app has no such
 * folder: electron-builder rebuilt node_modules for Electron (npmRebuild) and the module
 * finds its own binary.
 */
export function devSqliteBindingPath(appPath: string): string {
  return join(appPath, ELECTRON_NATIVE_DIR, ELECTRON_SQLITE_BINARY);
}
