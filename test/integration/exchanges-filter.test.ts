import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangePage } from '../../src/model/exchange.js';
import { startCore, type TestCore } from '../helpers/core.js';

/**
 * GET /api/exchanges?filter=… over real HTTP and SQLite: every kind of term of the filter
 * language, evaluated by the server against captures the receiver really took (and one the
 * sender really sent), once the derivation pipeline has indexed them.
 */

let tc: TestCore;
const id: Record<string, number> = {};
let startedAt = 0;

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Sends one request to the receiver and remembers the id of its capture under `name`. */
async function capture(name: string, path: string, init: RequestInit = {}): Promise<void> {
  const res = await fetch(tc.core.receiverUrl + path, init);
  await res.arrayBuffer();
  id[name] = tc.core.exchanges.maxId();
}

async function list(filter: string, extra = ''): Promise<ExchangePage> {
  const limit = extra.includes('limit=') ? '' : 'limit=1000&';
  const res = await tc.api(`/api/exchanges?${limit}filter=${encodeURIComponent(filter)}${extra}`);
  if (res.status !== 200) throw new Error(`${filter}: ${res.status} ${await res.text()}`);
  return (await res.json()) as ExchangePage;
}

/** The names of the captures a filter finds, in capture order. */
async function found(filter: string, extra = ''): Promise<string[]> {
  const page = await list(filter, extra);
  const byId = new Map(Object.entries(id).map(([name, n]) => [n, name]));
  return page.items.map((row) => byId.get(row.id) ?? `#${row.id}`).reverse();
}

beforeAll(async () => {
  tc = await startCore();
  startedAt = Date.now();
  const endpoint = async (body: unknown): Promise<number> => {
    const res = await tc.api('/api/endpoints', json('POST', body));
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: number }).id;
  };
  id['alphaEndpoint'] = await endpoint({ name: 'Alpha Partner', path: '/pb', fallback: { status: 200, headers: [['Content-Type', 'text/plain'], ['X-Partner-Trace', 'trace-77']], body: 'ACCEPTED-alpha ok' } });
  await endpoint({ name: 'Failing', path: '/fail', fallback: { status: 503, headers: [['Content-Type', 'application/json']], body: '{"error":"try later please"}' } });
  delete id['alphaEndpoint'];

  await capture('query', '/pb?click_id=abc&payout=2.50&sub=xSUBy', { headers: { 'User-Agent': 'AppsFlyer/6.1 (Android)' } });
  const body = JSON.stringify({ click_id: 'json-1', payout: 12.5, note: 'order ZEBRA-42 shipped' }).replace('12.5', '12.50');
  await capture('json', '/json', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'User-Agent': 'Adjust/4.0' }, body: gzipSync(body) });
  await capture('webhook', '/webhook/a/b?click_id=w1&payout=0.5&payout_note=low');
  await capture('fail', '/fail?click_id=f1&payout=100');
  await capture('repeat', '/pb?click_id=abc&payout=2.50&sub=xSUBy');
  await capture('macro', '/other?click_id={click_id}&payout=abc');
  const template = { name: 'out', method: 'GET', url: `${tc.core.receiverUrl}/sent?click_id=sent-1`, headers: [['User-Agent', 'Composer-Test']], bodyMode: 'none', body: '', dialect: 'curly' };
  expect((await tc.api('/api/send', json('POST', { template, vars: {} }))).status).toBe(200);
  // The send leaves two rows: the outbound request and the receiver's capture of it.
  const sentRows = tc.core.exchanges.list({ limit: 2, afterId: id['macro']! });
  id['sentOut'] = sentRows.find((r) => r.direction === 'out')!.id;
  id['sentIn'] = sentRows.find((r) => r.direction === 'in')!.id;
  await tc.core.derived.settle();
});
afterAll(async () => tc.close());

describe('GET /api/exchanges?filter=', () => {
  it('sees the test data as expected (every capture indexed)', async () => {
    expect((await list('')).items).toHaveLength(8);
    expect(tc.core.derived.progress().indexedThrough).toBe(tc.core.exchanges.maxId());
  });

  it('param: exact as written, contains / starts / ends (any case), exists, has-but-not-equal', async () => {
    expect(await found('param.click_id=abc')).toEqual(['query', 'repeat']);
    // JSON numbers are compared as written: 12.50 is "12.50", not "12.5".
    expect(await found('param.payout=12.50')).toEqual(['json']);
    expect(await found('param.payout=12.5')).toEqual([]);
    expect(await found('param.sub*=sub')).toEqual(['query', 'repeat']);
    expect(await found('param.click_id^=json')).toEqual(['json']);
    expect(await found('param.click_id$=-1')).toEqual(['json', 'sentOut', 'sentIn']);
    expect(await found('param.payout_note')).toEqual(['webhook']);
    expect(await found('param.payout!=2.50')).toEqual(['json', 'webhook', 'fail', 'macro']);
    // `%` and `_` are literal in *=, not LIKE wildcards.
    expect(await found('param.click_id*=%')).toEqual([]);
    expect(await found('param.click_id*=_')).toEqual(['macro']);
  });

  it('param: numeric comparisons on query values and JSON numbers, text values never compare', async () => {
    expect(await found('param.payout>1.5')).toEqual(['query', 'json', 'fail', 'repeat']);
    expect(await found('param.payout>=12.5')).toEqual(['json', 'fail']);
    expect(await found('param.payout<1')).toEqual(['webhook']);
    expect(await found('param.payout<=2.5')).toEqual(['query', 'webhook', 'repeat']);
    expect(await found('param.payout>100')).toEqual([]);
    // "abc" is not a number: neither above nor below anything.
    expect(await found('param.payout<0 param.payout>-1')).toEqual([]);
    expect(await found('-param.payout>=0')).toEqual(['macro', 'sentOut', 'sentIn']);
  });

  it('header: request headers by name in any case, contains in any case, exact, exists', async () => {
    expect(await found('header.user-agent*=AppsFlyer')).toEqual(['query']);
    expect(await found('header.User-Agent*=appsflyer')).toEqual(['query']);
    expect(await found('header.user-agent=Adjust/4.0')).toEqual(['json']);
    expect(await found('header.user-agent=adjust/4.0')).toEqual([]);
    expect(await found('header.content-encoding')).toEqual(['json']);
    expect(await found('header.user-agent^=Composer')).toEqual(['sentOut', 'sentIn']);
  });

  it('body*=: decoded request bodies (gzip JSON) and response bodies, anywhere in a word, not the URL', async () => {
    expect(await found('body*=ZEBRA-42')).toEqual(['json']);
    expect(await found('body*=ebra-4')).toEqual(['json']);
    expect(await found('body*="try later"')).toEqual(['fail']);
    expect(await found('body*=accepted-ALPHA')).toEqual(['query', 'repeat']);
    expect(await found('body*=click_id')).toEqual(['json']);
  });

  it('free text finds words in the URL, bodies, headers and responses (prefix match)', async () => {
    expect(await found('zebra')).toEqual(['json']);
    expect(await found('trace-77')).toEqual(['query', 'repeat']);
    expect(await found('appsfly')).toEqual(['query']);
    expect(await found('"order ZEBRA-42"')).toEqual(['json']);
    expect(await found('-webhook param.payout')).toEqual(['query', 'json', 'fail', 'repeat', 'macro']);
  });

  it('status: codes, classes, comparisons and negation (no response is no match)', async () => {
    expect(await found('status:5xx')).toEqual(['fail']);
    expect(await found('status>=400')).toEqual(['fail']);
    expect(await found('status=503')).toEqual(['fail']);
    expect(await found('status<300 path:/pb')).toEqual(['query', 'repeat']);
    expect(await found('-status:2xx')).toEqual(['fail']);
  });

  it('the older ?status= parameter (a code or a class) finds what the same status: term finds', async () => {
    expect(await found('', '&status=5xx')).toEqual(await found('status:5xx'));
    expect(await found('', '&status=503')).toEqual(['fail']);
    expect(await found('path:/pb', '&status=2XX')).toEqual(await found('path:/pb status:2xx'));
    // Neither a code nor a class: the parameter filters nothing, as it always did.
    expect(await found('', '&status=oops')).toEqual(await found(''));
  });

  it('direction, method, path glob / exact / contains, id', async () => {
    expect(await found('direction:out')).toEqual(['sentOut']);
    expect(await found('direction:in')).toHaveLength(7);
    expect(await found('method:post')).toEqual(['json']);
    expect(await found('method!=GET')).toEqual(['json']);
    expect(await found('path:/webhook/*')).toEqual(['webhook']);
    expect(await found('path:/web*')).toEqual(['webhook']);
    expect(await found('path:/webhook')).toEqual([]);
    expect(await found('path=/fail')).toEqual(['fail']);
    expect(await found('path*=hook')).toEqual(['webhook']);
    expect(await found('path$=/b')).toEqual(['webhook']);
    expect(await found(`id:${id['json']}`)).toEqual(['json']);
    expect(await found(`id>${id['repeat']} direction:in`)).toEqual(['macro', 'sentIn']);
  });

  it('endpoint by name (any case), id and contains; dup', async () => {
    expect(await found('endpoint:"alpha partner"')).toEqual(['query', 'repeat']);
    expect(await found('endpoint*=fail')).toEqual(['fail']);
    const failingId = tc.core.exchanges.get(id['fail']!)!.endpointId!;
    expect(await found(`endpoint:${failingId}`)).toEqual(['fail']);
    expect(await found('-endpoint:Failing path:/fail')).toEqual([]);
    expect(await found('dup')).toEqual(['repeat']);
    expect(await found('-dup param.click_id=abc')).toEqual(['query']);
  });

  it('verdict: the stored verdicts, and pending for none yet', async () => {
    const rows = (await list('')).items;
    const byVerdict = (status: string) => rows.filter((r) => (r.verdict?.status ?? 'pending') === status).map((r) => r.id).sort();
    for (const status of ['pass', 'fail', 'none', 'pending']) {
      expect((await list(`verdict:${status}`)).items.map((r) => r.id).sort()).toEqual(byVerdict(status));
    }
    // The unreplaced macro fails the always-on checks.
    expect(await found('verdict:fail')).toContain('macro');
    expect((await list('-verdict:fail')).items.length + (await list('verdict:fail')).items.length).toBe(8);
  });

  it('time ranges: after, before, last', async () => {
    const everything = 8;
    expect((await list('last:15m')).items).toHaveLength(everything);
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
    expect((await list(`after:${iso(startedAt - 60_000)}`)).items).toHaveLength(everything);
    expect((await list(`before:${iso(startedAt - 60_000)}`)).items).toHaveLength(0);
    expect((await list(`after:${iso(Date.now() + 60_000)}`)).items).toHaveLength(0);
    // Local time (no zone) is the server's local time.
    const local = new Date(startedAt - 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const typed = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
    expect((await list(`after:${typed}`)).items).toHaveLength(everything);
  });

  it('combines with the older query params (AND) and reports a capped total', async () => {
    expect(await found('param.payout>1', '&method=GET')).toEqual(['query', 'fail', 'repeat']);
    const page = await list('param.payout>1', '&limit=1');
    expect(page.items).toHaveLength(1);
    expect(page).toMatchObject({ total: 4, totalCapped: false });
    // Older pages do not count again.
    const older = await list('param.payout>1', `&limit=1&before=${page.next}`);
    expect(older.total).toBeUndefined();
    expect((await (await tc.api('/api/exchanges?limit=5')).json()) as ExchangePage).toMatchObject({ total: 8, totalCapped: false });
    // The older params alone still work as before.
    expect(((await (await tc.api('/api/exchanges?param.click_id=abc&status=2xx')).json()) as ExchangePage).items).toHaveLength(2);
  });

  it('GET /api/params lists the distinct param names for autocomplete', async () => {
    const { names } = (await (await tc.api('/api/params')).json()) as { names: string[] };
    expect(names).toEqual(['click_id', 'note', 'payout', 'payout_note', 'sub']);
  });

  it('counts up to the cap and says so', () => {
    const capped = tc.core.exchanges.countMatching({ limit: 1 }, 3);
    expect(capped).toEqual({ total: 3, capped: true });
    expect(tc.core.exchanges.countMatching({ limit: 1 }, 8)).toEqual({ total: 8, capped: false });
  });

  it('answers 400 INVALID_FILTER with the column of a typo instead of searching it as text', async () => {
    const res = await tc.api(`/api/exchanges?filter=${encodeURIComponent('status>=400 param.payout>>1')}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; fields: Array<{ field: string; message: string }> } };
    expect(body.error.code).toBe('INVALID_FILTER');
    expect(body.error.message).toContain('Column 26');
    expect(body.error.fields[0]).toMatchObject({ field: 'filter' });
    expect((await tc.api(`/api/exchanges?filter=${encodeURIComponent('payout>1.5')}`)).status).toBe(400);
  });
});
