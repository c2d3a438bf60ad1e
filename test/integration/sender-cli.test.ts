import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSend, sendCommand, type SendOptions } from '../../src/cli/send-command.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase } from '../../src/store/open-database.js';
import { reply, scriptedServer, type ScriptedServer } from './sender-helpers.js';

let partner: ScriptedServer;
let dir: string;
beforeAll(async () => {
  // /fail/<n>/… fails the first n requests to that path with 503.
  const counts = new Map<string, number>();
  partner = await scriptedServer((_i, seen, res) => {
    const path = seen.url.split('?')[0]!;
    const n = counts.get(path) ?? 0;
    counts.set(path, n + 1);
    const failFirst = Number(/^\/fail\/(\d+)/.exec(path)?.[1] ?? 0);
    reply(res, n < failFirst ? 503 : 200, 'OK');
  });
  dir = mkdtempSync(join(tmpdir(), 'pi-cli-'));
});
afterAll(async () => {
  await partner.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = async (options: Partial<SendOptions>) => {
  let out = '';
  const code = await runSend({ header: [], var: [], ...options }, { out: (t) => (out += t), err: () => undefined });
  return { code, out };
};

describe('postback-inspector send', () => {
  it('exits 0 when delivered and prints the request and the attempts', async () => {
    const { code, out } = await run({ url: `${partner.url}/pb?click_id={click_id}&payout={payout}`, var: ['click_id=abc', 'payout=1.5'] });
    expect(code).toBe(0);
    expect(out).toContain(`→ GET ${partner.url}/pb?click_id=abc&payout=1.5`);
    expect(out).toContain('attempt 1: 200, delivered');
    expect(out).toContain('Delivered (1 attempt).');
  });

  it('exits 1 when not delivered, and retries as asked (time scale makes it quick)', async () => {
    expect((await run({ url: `${partner.url}/fail/9/a` })).code).toBe(1);
    const retried = await run({ url: `${partner.url}/fail/2/b`, retries: { kind: 'preset', preset: 'singular' }, timeScale: 100_000, json: true });
    expect(retried.code).toBe(0);
    const json = JSON.parse(retried.out) as { delivered: boolean; attempts: Array<{ status: number }> };
    expect(json.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
  });

  it('exits 1 and names the macro when one is unreplaced; --send-anyway sends it', async () => {
    const refused = await run({ url: `${partner.url}/pb?cid={clickid}` });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Unknown macro {clickid}');
    expect(refused.out).toContain('Not sent');
    expect((await run({ url: `${partner.url}/pb?cid={clickid}`, sendAnyway: true })).code).toBe(0);
  });

  it('sends a template file or a curl command, with headers, data and a body success rule', async () => {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify({ url: `${partner.url}/t?e=[EVENT]`, dialect: 'square', method: 'POST', bodyMode: 'json', body: '{"e":"[EVENT]"}' }));
    expect((await run({ template: file, var: ['event=purchase'], success: { body: { mode: 'equals', value: 'OK' } } })).code).toBe(0);
    const seen = partner.seen.at(-1)!;
    expect(seen.url).toBe('/t?e=purchase');
    expect(seen.body.toString()).toBe('{"e":"purchase"}');
    const curl = await run({ curl: `curl '${partner.url}/c?id={{id}}' -H 'X-A: {{id}}'`, var: ['id=7'] });
    expect(curl.code).toBe(0);
    expect(partner.seen.at(-1)!.rawHeaders).toContain('X-A');
    expect((await run({ url: `${partner.url}/d`, data: 'a={v}', header: ['Content-Type: application/x-www-form-urlencoded'], var: ['v=x y'] })).code).toBe(0);
    expect(partner.seen.at(-1)!.body.toString()).toBe('a=x+y');
  });

  it('records into a data folder when given one, and runs through commander', async () => {
    const dataDir = join(dir, 'data');
    const program = new Command('postback-inspector').exitOverride();
    let out = '';
    sendCommand(program, { out: (t) => (out += t), err: () => undefined });
    await program.parseAsync(['send', '--url', `${partner.url}/cmd?x={x}`, '--var', 'x=1', '-H', 'X-B: 2', '--retries', '3', '--data-dir', dataDir, '--json'], { from: 'user' });
    expect(process.exitCode).toBe(0);
    process.exitCode = 0;
    expect(JSON.parse(out).delivered).toBe(true);
    const db = openDatabase(join(dataDir, 'postbacks.sqlite'));
    try {
      const rows = new ExchangesRepository(db).list({ limit: 10, direction: 'out' });
      expect(rows.map((r) => r.target)).toEqual(['/cmd?x=1']);
    } finally {
      db.close();
    }
  });
});
