import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asarUnpackedPath, devSqliteBindingPath, uiDirFrom } from '../../electron/paths.js';

describe('electron paths', () => {
  it('serves the UI from dist/renderer next to the compiled main process', () => {
    expect(uiDirFrom(join(sep, 'work', 'app', 'dist', 'electron'))).toBe(join(sep, 'work', 'app', 'dist', 'renderer'));
  });

  it('points into app.asar.unpacked when packaged', () => {
    const compiled = join(sep, 'opt', 'Postback Inspector', 'resources', 'app.asar', 'dist', 'electron');
    expect(uiDirFrom(compiled)).toBe(join(sep, 'opt', 'Postback Inspector', 'resources', 'app.asar.unpacked', 'dist', 'renderer'));
  });

  it('leaves look-alike folder names alone', () => {
    const path = join(sep, 'x', 'app.asar.bak', 'dist');
    expect(asarUnpackedPath(path)).toBe(path);
  });

  it('finds the Electron-ABI sqlite build in .electron-native', () => {
    expect(devSqliteBindingPath(join(sep, 'work', 'app'))).toBe(join(sep, 'work', 'app', '.electron-native', 'better_sqlite3.node'));
  });
});
