import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parsePreloadArgs, preloadArguments } from '../../electron/preload-args.js';

const bridge = { apiUrl: 'http://127.0.0.1:51234', token: 'tok_abc-DEF_123' };

describe('preload arguments', () => {
  it('round-trips apiUrl and token', () => {
    expect(parsePreloadArgs(['/usr/lib/electron', '--type=renderer', ...preloadArguments(bridge)])).toEqual(bridge);
  });

  it('ignores foreign arguments and takes the last occurrence (Chromium appends ours)', () => {
    const argv = ['--pi-token=old', '--type=renderer', '--pi-tokenx=nope', '--other=--pi-token=inner', ...preloadArguments(bridge)];
    expect(parsePreloadArgs(argv)).toEqual(bridge);
  });

  it('returns null when a value is missing or malformed', () => {
    expect(parsePreloadArgs([])).toBeNull();
    expect(parsePreloadArgs(['--pi-api-url=http://127.0.0.1:1'])).toBeNull();
    expect(parsePreloadArgs(['--pi-token=abc'])).toBeNull();
    expect(parsePreloadArgs(['--pi-api-url=http://127.0.0.1:1', '--pi-token='])).toBeNull();
    expect(parsePreloadArgs(['--pi-api-url=http://127.0.0.1:1', '--pi-token=a b'])).toBeNull();
    expect(parsePreloadArgs(['--pi-api-url=file:///x', '--pi-token=abc'])).toBeNull();
    expect(parsePreloadArgs(['--pi-api-url=http://127.0.0.1:1/api', '--pi-token=abc'])).toBeNull();
  });

  it('drops a trailing slash from the API address', () => {
    expect(parsePreloadArgs(['--pi-api-url=http://127.0.0.1:1/', '--pi-token=abc'])?.apiUrl).toBe('http://127.0.0.1:1');
  });
});

// Runs the real preload the way Electron runs a sandboxed one: CommonJS wrapped in a
// function whose require() knows only a few modules (never local files or Node built-ins).
function runSandboxedPreload(argv: string[]): { exposed: Map<string, unknown>; warnings: unknown[][] } {
  const source = readFileSync(new URL('../../electron/preload.cts', import.meta.url), 'utf8');
  const compiled = ts.transpileModule(source, {
    fileName: 'preload.cts',
    compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023 },
  }).outputText;
  const exposed = new Map<string, unknown>();
  const warnings: unknown[][] = [];
  const electron = { contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) } };
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const wrapper = runInNewContext(
    `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${compiled}\n})`,
    { console: { warn: (...args: unknown[]) => warnings.push(args), log: () => undefined, error: () => undefined } },
  ) as (...args: unknown[]) => void;
  const exports = {};
  wrapper(sandboxRequire, { argv }, undefined, {}, setImmediate, clearImmediate, exports, { exports });
  return { exposed, warnings };
}

describe('preload.cts in a sandbox-like context', () => {
  it('is self-contained and exposes exactly { apiUrl, token }', () => {
    const { exposed, warnings } = runSandboxedPreload(['/electron', '--type=renderer', ...preloadArguments(bridge)]);
    expect([...exposed.keys()]).toEqual(['postbackInspector']);
    const api = exposed.get('postbackInspector') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['apiUrl', 'token']);
    expect(api).toEqual(bridge);
    expect(warnings).toEqual([]);
  });

  it('agrees with parsePreloadArgs on foreign and malformed arguments', () => {
    const cases: string[][] = [
      ['--pi-token=old', ...preloadArguments(bridge)],
      ['--pi-api-url=http://127.0.0.1:1/', '--pi-token=abc'],
      ['--pi-api-url=http://127.0.0.1:1', '--pi-token=a b'],
      ['--pi-api-url=javascript:alert(1)', '--pi-token=abc'],
      ['--pi-token=abc'],
      [],
    ];
    for (const argv of cases) {
      const { exposed } = runSandboxedPreload(argv);
      expect(exposed.get('postbackInspector') ?? null, argv.join(' ')).toEqual(parsePreloadArgs(argv));
    }
  });

  it('warns without printing the token when arguments are missing', () => {
    const { exposed, warnings } = runSandboxedPreload(['--pi-token=secret-token-value']);
    expect(exposed.size).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain('secret-token-value');
  });
});
