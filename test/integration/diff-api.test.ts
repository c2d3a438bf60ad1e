import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeaderDiffEntry, QueryDiffEntry } from '../../src/diff/index.js';
import type { ComparisonResult, IgnoreRules, PreviousExchange } from '../../src/model/comparison.js';
import type { Endpoint } from '../../src/model/endpoint.js';
import { capture, json, startDiffCore, type DiffTestCore } from './diff-harness.js';

let tc: DiffTestCore;
let host: string;
beforeAll(async () => {
  tc = await startDiffCore();
  host = `127.0.0.1:${tc.receiverPort}`;
});
afterAll(async () => tc.close());

async function createEndpoint(body: object): Promise<Endpoint> {
  return json<Endpoint>(tc.api('/api/endpoints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
}

const diff = (query: string): Promise<ComparisonResult> => json<ComparisonResult>(tc.diffApi(`/api/diff?${query}`));
const counted = (entries: ReadonlyArray<QueryDiffEntry | HeaderDiffEntry>) => entries.filter((e) => e.counted);

describe('GET /api/diff on two captured postbacks', () => {
  it('acceptance: one value change and one added param are the differences; header order is noise', async () => {
    const a = await capture(tc, `GET /postback?click_id=abc&event=install&payout=1.50 HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: partner/1\r\nX-Partner: acme\r\nAccept: */*\r\n`);
    const b = await capture(tc, `GET /postback?click_id=abc&event=install&payout=2.00&currency=USD HTTP/1.1\r\nHost: ${host}\r\nAccept: */*\r\nX-Partner: acme\r\nUser-Agent: partner/1\r\n`);
    const result = await diff(`a=${a}&b=${b}`);

    expect(result.identical).toBe(false);
    expect(result.differences).toBe(2);
    expect(counted(result.query)).toEqual([
      expect.objectContaining({ kind: 'changed', name: 'payout', left: expect.objectContaining({ value: '1.50' }), right: expect.objectContaining({ value: '2.00' }) }),
      expect.objectContaining({ kind: 'added', name: 'currency', left: null, right: expect.objectContaining({ value: 'USD' }) }),
    ]);
    expect(counted(result.headers)).toEqual([]);
    expect(result.headers.filter((e) => e.kind !== 'unchanged')).toEqual([{ kind: 'order', left: ['X-Partner', 'Accept'], right: ['Accept', 'X-Partner'], counted: false }]);
    expect(result.body).toMatchObject({ kind: 'empty', identical: true });
    expect(result.summary).toBe('1 param changed, 1 added, headers identical (order differs), body empty');
    expect(result.left).toMatchObject({ kind: 'exchange', id: a, url: '/postback?click_id=abc&event=install&payout=1.50' });
    expect(result.right).toMatchObject({ kind: 'exchange', id: b });

    // The header-order toggle turns the noise into a difference; param order stays untouched.
    expect((await diff(`a=${a}&b=${b}&headerOrder=1`)).differences).toBe(3);

    const md = await tc.diffApi(`/api/diff?a=${a}&b=${b}&format=markdown`);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await md.text();
    expect(text).toMatch(/\*\*Left:\*\* #\d+ `GET \/postback\?click_id=abc&event=install&payout=1\.50`/);
    expect(text).toContain('**Different:** 1 param changed, 1 added, headers identical (order differs), body empty');
    expect(text).toMatch(/\| ↕ \| _order_ \| .* \| noise, not counted \|/);
  });

  it('answers 400 for bad input and 404 for unknown exchanges, and needs the token', async () => {
    const a = await capture(tc, `GET /x HTTP/1.1\r\nHost: ${host}\r\n`);
    expect((await tc.diffApi(`/api/diff?a=${a}`)).status).toBe(400);
    expect((await tc.diffApi(`/api/diff?a=${a}&b=999999`)).status).toBe(404);
    expect((await tc.diffApi(`/api/diff?a=${a}&b=${a}&ignore=$.[`)).status).toBe(400);
    expect((await tc.diffApi(`/api/diff?a=${a}&b=${a}&format=yaml`)).status).toBe(400);
    expect((await fetch(`${tc.diffUrl}/api/diff?a=${a}&b=${a}`)).status).toBe(401);
    expect((await diff(`a=${a}&b=${a}`)).identical).toBe(true);
  });
});

describe('saved ignore rules', () => {
  it('saves per endpoint and per profile, validates, and applies them to comparisons within that scope', async () => {
    const e = await createEndpoint({ name: 'rules', path: '/rules', profileId: 42 });
    const empty = await json<IgnoreRules>(tc.diffApi(`/api/ignore-rules/endpoint/${e.id}`));
    expect(empty).toEqual({ scope: 'endpoint', scopeId: e.id, ignore: [], updatedAt: null });

    const put = (scope: string, id: number, body: unknown) =>
      tc.diffApi(`/api/ignore-rules/${scope}/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await put('endpoint', e.id, { ignore: ['ok', '$.x['] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_IGNORE_RULES', fields: [{ field: 'ignore[1]' }] } });
    expect((await put('team', 1, { ignore: [] })).status).toBe(400);

    const saved = await json<IgnoreRules>(put('endpoint', e.id, { ignore: ['ts'] }));
    expect(saved).toMatchObject({ scope: 'endpoint', scopeId: e.id, ignore: ['ts'] });
    expect(await json<IgnoreRules>(tc.diffApi(`/api/ignore-rules/endpoint/${e.id}`))).toEqual(saved);

    const a = await capture(tc, `GET /rules?click_id=1&ts=100&nonce=a HTTP/1.1\r\nHost: ${host}\r\n`);
    const b = await capture(tc, `GET /rules?click_id=1&ts=200&nonce=b HTTP/1.1\r\nHost: ${host}\r\n`);
    const auto = await diff(`a=${a}&b=${b}`);
    expect(auto.rules).toEqual([{ scope: 'endpoint', scopeId: e.id }]);
    expect(auto.differences).toBe(1);
    expect(auto.query.find((q) => q.kind !== 'order' && q.name === 'ts')).toMatchObject({ kind: 'changed', ignored: true, counted: false });

    // The endpoint's profile (profileId in its definition) has rules too: both sets apply.
    await json(put('profile', 42, { ignore: ['nonce'] }));
    const both = await diff(`a=${a}&b=${b}`);
    expect(both.rules).toEqual([{ scope: 'endpoint', scopeId: e.id }, { scope: 'profile', scopeId: 42 }]);
    expect(both.identical).toBe(true);
    expect(both.options.ignore).toEqual(['ts', 'nonce']);

    expect((await diff(`a=${a}&b=${b}&rules=none`)).differences).toBe(2);
    expect((await diff(`a=${a}&b=${b}&rules=profile:42`)).differences).toBe(1);
    expect((await diff(`a=${a}&b=${b}&rules=none&ignore=ts,nonce`)).identical).toBe(true);

    // A capture of another endpoint shares no scope: nothing saved applies.
    const other = await capture(tc, `GET /elsewhere?click_id=1&ts=300&nonce=c HTTP/1.1\r\nHost: ${host}\r\n`);
    expect((await diff(`a=${a}&b=${other}`)).rules).toEqual([]);

    expect((await tc.diffApi(`/api/ignore-rules/profile/42`, { method: 'DELETE' })).status).toBe(204);
    expect((await diff(`a=${a}&b=${b}`)).rules).toEqual([{ scope: 'endpoint', scopeId: e.id }]);
  });
});

describe('GET /api/exchanges/:id/previous', () => {
  it('finds the previous exchange of the same endpoint, correlation key or path', async () => {
    const e = await createEndpoint({ name: 'prev', path: '/prev', correlationKeys: ['click_id'] });
    const c1 = await capture(tc, `GET /prev?click_id=p1 HTTP/1.1\r\nHost: ${host}\r\n`);
    const c2 = await capture(tc, `GET /prev?click_id=p2 HTTP/1.1\r\nHost: ${host}\r\n`);
    const c3 = await capture(tc, `GET /prev?click_id=p1&again=1 HTTP/1.1\r\nHost: ${host}\r\n`);
    const previous = (id: number, scope?: string) => json<PreviousExchange>(tc.diffApi(`/api/exchanges/${id}/previous${scope ? `?scope=${scope}` : ''}`));

    expect(await previous(c3)).toEqual({ scope: 'endpoint', of: c3, id: c2, reason: null });
    expect(await previous(c3, 'correlation')).toEqual({ scope: 'correlation', of: c3, id: c1, reason: null });
    expect(await previous(c3, 'path')).toMatchObject({ id: c2 });
    expect(await previous(c1)).toMatchObject({ id: null, reason: `no earlier exchange for this endpoint` });
    expect(e.id).toBeGreaterThan(0);

    const stray = await capture(tc, `POST /nowhere HTTP/1.1\r\nHost: ${host}\r\n`);
    expect(await previous(stray)).toMatchObject({ id: null, reason: 'no endpoint answered this exchange' });
    expect((await tc.diffApi(`/api/exchanges/${stray}/previous?scope=moon`)).status).toBe(400);
    expect((await tc.diffApi(`/api/exchanges/999999/previous`)).status).toBe(404);

    // What the UI does with it: "compare with previous".
    const prev = await previous(c3);
    expect((await diff(`a=${prev.id}&b=${c3}`)).summary).toBe('1 param changed, 1 added, headers identical, body empty');
  });
});
