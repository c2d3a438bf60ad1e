import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { junitProblems, parseXml } from '../helpers/junit-check.js';
import { startServe } from '../helpers/serve-process.js';

/** The built app, as CI runs it: `postback-inspector test <plan>`. */
const bin = new URL('../../bin/postback-inspector.js', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'pi-scenario-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, 'test', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

function junitOf(file: string): { suite: ReturnType<typeof parseXml>; problems: string[] } {
  const xml = readFileSync(file, 'utf8');
  return { suite: parseXml(xml).children[0]!, problems: junitProblems(xml) };
}

describe('postback-inspector test (the built CLI)', () => {
  for (const plan of ['appsflyer-install-purchase', 'keitaro-retries', 'offerwall-callback']) {
    it(`examples/${plan}.yaml passes headless: exit 0, a valid JUnit file with no failures`, async () => {
      const junit = join(out, `${plan}.xml`);
      const result = await run([`examples/${plan}.yaml`, '--junit', junit]);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      // Not a TTY: the summary only, one line.
      expect(result.stdout).toMatch(/^✓ .+: \d+ passed, 0 failed \([\d.]+ s\)\n$/);
      const { suite, problems } = junitOf(junit);
      expect(problems).toEqual([]);
      expect(suite.attributes).toMatchObject({ failures: '0', errors: '0' });
      expect(Number(suite.attributes['tests'])).toBeGreaterThanOrEqual(4);
    });
  }

  it('a deliberately broken plan exits 1 with a JUnit failure naming the expectation and what was seen', async () => {
    const junit = join(out, 'broken.xml');
    const result = await run(['test/fixtures/scenario/offerwall-broken.yaml', '--junit', junit, '--json']);
    expect(result.code).toBe(1);
    const { suite, problems } = junitOf(junit);
    expect(problems).toEqual([]);
    expect(suite.attributes).toMatchObject({ failures: '1', errors: '0' });
    const failed = suite.children.filter((tc) => tc.children.some((c) => c.name === 'failure'));
    expect(failed.map((tc) => tc.attributes['name'])).toEqual(['no duplicates at /offerwall/callback']);
    expect(failed[0]!.children[0]!.attributes['message']).toMatch(/^no duplicates at \/offerwall\/callback: 1 duplicate\(s\): #\d+ \/offerwall\/callback\?user_id=player-42&transaction_id=/);
    // --json: the report on stdout, the summary (with the failure spelled out) on stderr.
    const report = JSON.parse(result.stdout) as { passed: boolean; cases: Array<{ status: string }> };
    expect(report.passed).toBe(false);
    expect(result.stderr).toMatch(/✕ no duplicates at \/offerwall\/callback\n {4}1 duplicate/);
  });

  it('a malformed plan exits 2 naming the file, line, column and path, and runs nothing', async () => {
    const junit = join(out, 'malformed.xml');
    const result = await run(['test/fixtures/scenario/malformed.yaml', '--junit', junit]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('postback-inspector test: bad plan: test/fixtures/scenario/malformed.yaml:9:13: expect[0].within: must be an integer or a duration such as 500ms, 5s or 1m\n');
    expect(() => readFileSync(junit)).toThrow();
  });

  it('runs against a running app through its control API only, and removes what it set up', async () => {
    const app = await startServe();
    try {
      const before = await (await fetch(`${app.controlUrl}/api/endpoints`, { headers: { Authorization: `Bearer ${app.token}` } })).json();
      const result = await run(['examples/offerwall-callback.yaml', '--control', app.controlUrl], { POSTBACK_INSPECTOR_TOKEN: app.token });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const auth = { headers: { Authorization: `Bearer ${app.token}` } };
      expect(await (await fetch(`${app.controlUrl}/api/endpoints`, auth)).json()).toEqual(before);
      expect(await (await fetch(`${app.controlUrl}/api/profiles`, auth)).json()).toEqual([]);
      // The postbacks stay in the app's inbox, where the user can look at them.
      const page = (await (await fetch(`${app.controlUrl}/api/exchanges?direction=in&path=/offerwall/callback`, auth)).json()) as { items: unknown[] };
      expect(page.items).toHaveLength(2);
    } finally {
      await app.stop();
    }
  });

  it('refuses --control without a token (exit 2)', async () => {
    const result = await run(['examples/offerwall-callback.yaml', '--control', 'http://127.0.0.1:9'], { POSTBACK_INSPECTOR_TOKEN: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--control needs --token/);
  });
});
