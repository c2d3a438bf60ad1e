import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string };
  files?: string[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  extraMetadata?: { main?: string };
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[]; category?: string };
  mac?: { target?: string };
  win?: { target?: string };
}

const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { main: string };

// electron-builder's own schema (draft-07), resolved from electron-builder so the test
// follows the installed version. Same ajv settings electron-builder uses (strict: false,
// allErrors), minus coerceTypes so "true" is not accepted for true.
const schemePath = createRequire(require.resolve('electron-builder/package.json')).resolve('app-builder-lib/scheme.json');
const scheme = JSON.parse(readFileSync(schemePath, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);

describe('electron-builder.yml', () => {
  it("matches electron-builder's JSON schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check has teeth (rejects unknown and mistyped options)', () => {
    expect(validate({ ...config, notAnOption: true })).toBe(false);
    expect(validate({ ...config, npmRebuild: 'yes' })).toBe(false);
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('dev.postbackinspector.app');
    expect(config.productName).toBe('Postback Inspector');
    expect(config.directories?.output).toBe('release');
  });

  it('ships the compiled app and starts the compiled main process', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    expect(config.extraMetadata?.main).toBe('dist/electron/main.js');
    expect(config.extraMetadata?.main).toBe(pkg.main);
  });

  it("rebuilds native modules for Electron's ABI and unpacks the sqlite binary", () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack?.some((glob) => glob.includes('better-sqlite3') && glob.endsWith('.node'))).toBe(true);
  });

  it('turns off the fuses that let other programs run code as the app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('targets AppImage + deb, dmg and nsis', () => {
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux?.category).toBe('Development');
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
  });
});
