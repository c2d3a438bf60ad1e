import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiffCommand } from '../../src/cli/diff-command.js';
import { capture, startDiffCore, type DiffTestCore } from './diff-harness.js';

let tc: DiffTestCore;
let dir: string;
let host: string;
beforeAll(async () => {
  tc = await startDiffCore();
  host = `127.0.0.1:${tc.receiverPort}`;
  dir = mkdtempSync(join(tmpdir(), 'pi-diff-cli-'));
});
afterAll(async () => {
  await tc.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `postback-inspector diff …` in-process, as commander would, capturing output and the exit status. */
async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const out: Run = { code: null, stdout: '', stderr: '' };
  const program = new Command('postback-inspector').exitOverride();
  registerDiffCommand(program, {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env,
    setExitCode: (code) => void (out.code = code),
    exit: (code, error) => {
      throw new CommanderError(code, error.code, error.message);
    },
  });
  try {
    await program.parseAsync(['diff', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    out.code = error.exitCode;
  }
  return out;
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function rawOf(id: number): Promise<Buffer> {
  return Buffer.from(await (await tc.api(`/api/exchanges/${id}/raw`)).arrayBuffer());
}

describe('postback-inspector diff (in-process)', () => {
  it('compares raw message files: exit 0 when identical, 1 when different, with text, Markdown and JSON output', async () => {
    const a = file('a.http', 'GET /pb?click_id=1&payout=1.50 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nX-B: 2\r\n\r\n');
    const same = file('same.http', 'GET /pb?payout=1.50&click_id=1 HTTP/1.1\nX-B: 2\nHost: h\nX-A: 1\n\n');
    const b = file('b.http', 'GET /pb?click_id=1&payout=2.00&currency=USD HTTP/1.1\r\nHost: h\r\nX-B: 2\r\nX-A: 1\r\n\r\n');

    const identical = await run([a, same]);
    expect(identical).toMatchObject({ code: 0, stderr: '' });
    expect(identical.stdout).toMatch(/^Identical: params identical \(order differs\), headers identical \(order differs\), body empty\n/);

    const different = await run([a, b]);
    expect(different.code).toBe(1);
    expect(different.stdout).toMatch(/^Different: 1 param changed, 1 added, headers identical \(order differs\), body empty\n/);
    expect(different.stdout).toMatch(/~ query +payout: "1.50" → "2.00"/);
    expect(different.stdout).toMatch(/↕ header +order: X-A,X-B → X-B,X-A +\(not counted\)/);

    const md = await run([a, b, '--markdown']);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain(`**Left:** ${a} · **Right:** ${b}`);
    const asJson = await run([a, b, '--json']);
    const parsed = JSON.parse(asJson.stdout) as { identical: boolean; differences: number; options: { ignore: string[] } };
    expect(parsed).toMatchObject({ identical: false, differences: 2, options: { ignore: [] } });

    expect((await run([a, b, '--ignore', 'payout', '--ignore', 'currency'])).code).toBe(0);
    expect((await run([a, same, '--param-order'])).code).toBe(1);
  });

  it('compares exchange ids of a running instance, given by flags or environment', async () => {
    const one = await capture(tc, `POST /pb?click_id=9 HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n`, '{"n":1}');
    const two = await capture(tc, `POST /pb?click_id=9 HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n`, '{"n":2}');
    const byFlags = await run([String(one), String(two), '--api', tc.core.controlUrl, '--token', tc.core.token]);
    expect(byFlags.code).toBe(1);
    expect(byFlags.stdout).toMatch(/body: 1 path changed/);
    expect(byFlags.stdout).toMatch(/~ body +\$\.n: 1 → 2/);
    const env = { POSTBACK_INSPECTOR_API: tc.core.controlUrl, POSTBACK_INSPECTOR_TOKEN: tc.core.token };
    expect((await run([String(one), String(one)], env)).code).toBe(0);

    // A file saved from GET /api/exchanges/:id/raw, re-framed as chunked with LF line ends, equals the id.
    const saved = file('one.http', 'POST /pb?click_id=9 HTTP/1.1\nHost: ' + host + '\nContent-Type: application/json\nTransfer-Encoding: chunked\n\n7\n{"n":1}\n0\n\n');
    const mixed = await run([saved, String(one), '--ignore', 'transfer-encoding,content-length'], env);
    expect(mixed).toMatchObject({ code: 0 });
    expect((await run([file('raw.http', await rawOf(two)), String(two)], env)).code).toBe(0);
  });

  it('exits 2 on bad usage and trouble, with one clear line', async () => {
    const a = file('u.http', 'GET /pb HTTP/1.1\r\n\r\n');
    expect((await run([a])).code).toBe(2); // missing argument
    expect((await run([a, a, '--json', '--markdown'])).code).toBe(2);
    expect((await run([a, a, '--no-such-flag'])).code).toBe(2);

    const missing = await run([a, join(dir, 'nope.http')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/nope\.http: no such file \(and not an exchange id\)/);
    expect((await run([a, '12'])).stderr).toMatch(/give --api and --token \(or POSTBACK_INSPECTOR_API/);
    expect((await run([a, '999999', '--api', tc.core.controlUrl, '--token', tc.core.token])).stderr).toMatch(/exchange 999999 not found/);
    expect((await run([a, '1', '--api', tc.core.controlUrl, '--token', 'wrong'])).stderr).toMatch(/refused the token/);
    expect((await run([a, '1', '--api', 'http://127.0.0.1:9', '--token', 't'])).stderr).toMatch(/cannot reach the control API/);
    const badRule = await run([a, a, '--ignore', '$.items[']);
    expect(badRule).toMatchObject({ code: 2 });
    expect(badRule.stderr).toMatch(/not a valid JSON path/);
    const badFile = await run([a, file('bad.http', 'HTTP/1.1 200 OK\r\n\r\n')]);
    expect(badFile).toMatchObject({ code: 2 });
    expect(badFile.stderr).toMatch(/bad\.http: line 1: .* this is a response, not a request/);
  });
});

// Spawns the built CLI (bin/postback-inspector.js runs dist/src/cli.js; `npm test` builds first).
describe('postback-inspector diff (spawned, as users run it)', () => {
  it('prints the report and exits 0 / 1 / 2', async () => {
    const bin = new URL('../../bin/postback-inspector.js', import.meta.url).pathname;
    const a = file('s-a.http', 'GET /pb?x=1 HTTP/1.1\r\nHost: h\r\n\r\n');
    const b = file('s-b.http', 'GET /pb?x=2 HTTP/1.1\r\nHost: h\r\n\r\n');
    const spawnRun = (args: string[]) =>
      new Promise<Run>((resolve) => {
        const child = spawn(process.execPath, [bin, 'diff', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        const result: Run = { code: null, stdout: '', stderr: '' };
        child.stdout.on('data', (d: Buffer) => (result.stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (result.stderr += d.toString()));
        child.on('exit', (code) => resolve({ ...result, code }));
      });
    expect(await spawnRun([a, a])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Identical:/) });
    const different = await spawnRun([a, b, '--markdown']);
    expect(different.code).toBe(1);
    expect(different.stdout).toContain('### Postback diff');
    expect((await spawnRun([a])).code).toBe(2);
    expect((await spawnRun([a, 'missing.http'])).code).toBe(2);
  });
});
