/**
 * The integration report from the CLI's side: a data folder written by a real core (captures over
 * loopback HTTP, a profile with a secret, an imported list), then `report` run on it read-only
 * after the app has closed. The HTML must be self-contained and must not carry the secret.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/cli/report-command.js';
import { startCore, type TestCore } from '../helpers/core.js';

const SECRET = 'sup3r-s3cret-signing-key';
let tc: TestCore;
let out: string;
let importId: number;

beforeAll(async () => {
  tc = await startCore();
  out = mkdtempSync(join(tmpdir(), 'pi-report-'));
  const metrics = tc.core.metrics;
  const json = (method: string, body: unknown) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const profile = (await (await tc.api('/api/profiles', json('POST', { name: 'Partner Y', params: [{ name: 'click_id', presence: 'required' }], macroDialect: 'curly', correlationKeys: ['click_id'] }))).json()) as { id: number };
  expect((await tc.api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: SECRET }))).status).toBe(200);
  expect((await tc.api('/api/endpoints', json('POST', { name: 'Partner Y', path: '/py', profileId: profile.id }))).status).toBe(201);
  const now = Math.floor(Date.now() / 1000);
  // Three conversions, one repeated, one whose tracker leaked the secret into a param, one with a leftover macro.
  for (const q of [`click_id=a&event=install&payout=1.00&currency=USD&ts=${now - 5}`, `click_id=a&event=install&payout=1.00&currency=USD&ts=${now - 5}`, `click_id=b&event=install&payout=3.00&currency=USD&token=${SECRET}`, 'click_id={click_id}&event=install']) {
    expect((await fetch(`${tc.core.receiverUrl}/py?${q}`)).status).toBe(200);
  }
  importId = metrics.importExpected('partner Y export', 'click_id,event,payout,currency\na,install,1.00,USD\nb,install,2.50,USD\nc,install,1.00,USD\n').id;
  await tc.core.derived.settle();
  metrics.close();
  // The app is gone: the report reads what it left.
  await tc.core.close();
});
afterAll(() => {
  rmSync(tc.dataDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

function io() {
  const captured = { stdout: '', stderr: '', code: 0 };
  return {
    captured,
    io: {
      stdout: (t: string) => void (captured.stdout += t),
      stderr: (t: string) => void (captured.stderr += t),
      setExitCode: (c: number) => void (captured.code = c),
      writeFile: async (path: string, text: string) => (await import('node:fs/promises')).writeFile(path, text),
    },
  };
}

describe('postback-inspector report', () => {
  it('writes a self-contained HTML report: KPIs, definitions, reconciliation, no secret, no external asset', async () => {
    const file = join(out, 'report.html');
    const { io: cli, captured } = io();
    await runReport({ from: '-1h', data: tc.dataDir, out: file, import: String(importId) }, cli);
    expect(captured.code).toBe(0);
    expect(captured.stderr).toContain('4 captured');
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/i);
    expect(html).toContain('<svg');
    expect(html).toContain('Accuracy rate');
    // Issue 15: the receiver side's privacy findings (none of these captures carries personal data).
    expect(html).toContain('<tr><th>Postbacks with privacy findings</th><td>0</td></tr>');
    expect(html).toContain('benchmark: 90–95 % on average; 95 %+ is good');
    // Reconciliation: c missing, b mismatched (3.00 vs 2.50), a duplicated, the macro capture unexpected.
    expect(html).toMatch(/3 expected · 2 matched · 1 missing · 1 unexpected · 1 duplicated · 1 mismatched/);
    expect(html).not.toContain(SECRET);
    expect(html).toContain('token=••••');
  });

  it('writes the rows as CSV to stdout, secrets masked', async () => {
    const { io: cli, captured } = io();
    await runReport({ from: '-1h', data: tc.dataDir, format: 'csv' }, cli);
    const lines = captured.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('exchangeId,direction,at,key,event,value,currency,state,attempts,responseTimeMs,verdict,duplicate,mismatched,unreplacedMacros,reason,target');
    expect(lines).toHaveLength(5);
    expect(captured.stdout).not.toContain(SECRET);
  });

  it('says what is wrong with the arguments', async () => {
    const { io: cli } = io();
    await expect(runReport({ from: 'yesterday-ish', data: tc.dataDir }, cli)).rejects.toThrow(/from must be a time/);
    await expect(runReport({ from: '-1h', data: join(out, 'nowhere') }, cli)).rejects.toThrow(/no data/);
  });
});
