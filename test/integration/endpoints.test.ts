import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Endpoint, EndpointPreset } from '../../src/model/endpoint.js';
import type { ExchangeDetail, ExchangePage } from '../../src/index.js';
import { rawRequest, startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());
beforeEach(async () => {
  for (const e of (await (await tc.api('/api/endpoints')).json()) as Endpoint[]) await tc.api(`/api/endpoints/${e.id}`, { method: 'DELETE' });
});

async function createEndpoint(body: unknown): Promise<Endpoint> {
  const res = await tc.api('/api/endpoints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Endpoint;
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(json)}`);
  return json;
}

/** A real client's view: status and body, or the socket error it saw. */
function hit(path: string, init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port: tc.receiverPort, path, method: init.method ?? 'GET', headers: init.headers, agent: false, timeout: init.timeoutMs ?? 3000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });
    req.on('timeout', () => {
      req.destroy(new Error('client timeout'));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end(init.body);
  });
}

const ok = (body = 'OK') => ({ status: 200, headers: [['Content-Type', 'text/plain']], body });

describe('endpoint matching and rules', () => {
  it('matches exact, :param and wildcard paths and methods; unmatched keeps 200 OK', async () => {
    await createEndpoint({ name: 'exact', path: '/pb', methods: ['GET'], fallback: ok('exact') });
    await createEndpoint({ name: 'param', path: '/partners/:partner/pb', fallback: ok('partner={{path.partner}}') });
    await createEndpoint({ name: 'wild', path: '/hooks/*', fallback: ok('wild') });
    expect(await hit('/pb?x=1')).toEqual({ status: 200, body: 'exact' });
    expect(await hit('/pb', { method: 'POST' })).toEqual({ status: 200, body: 'OK' });
    expect(await hit('/partners/acme/pb')).toEqual({ status: 200, body: 'partner=acme' });
    expect(await hit('/hooks/a/b/c')).toEqual({ status: 200, body: 'wild' });
    expect(await hit('/elsewhere')).toEqual({ status: 200, body: 'OK' });
  });

  it('evaluates every condition type: query, header, JSON path, form, regex, present, absent, request number', async () => {
    const respond = (body: string) => [{ status: 200, headers: [], body }];
    await createEndpoint({
      name: 'conditions',
      path: '/c',
      rules: [
        { id: 'q', conditions: [{ source: 'query', name: 'event', op: 'equals', value: 'install' }], responses: respond('query-equals') },
        { id: 'h', conditions: [{ source: 'header', name: 'x-partner', op: 'matches', value: '^ac.e$' }], responses: respond('header-regex') },
        { id: 'j', conditions: [{ source: 'json', name: 'user.tier', op: 'equals', value: 'gold' }], responses: respond('json-path') },
        { id: 'f', conditions: [{ source: 'form', name: 'status', op: 'present' }], responses: respond('form-present') },
        { id: 'a', conditions: [{ source: 'query', name: 'click_id', op: 'absent' }, { source: 'requestNumber', name: '', op: 'gte', value: '6' }], responses: respond('absent-and-6th') },
      ],
      fallback: ok('fallback'),
    });
    expect(await hit('/c?event=install&click_id=1')).toMatchObject({ body: 'query-equals' });
    expect(await hit('/c?click_id=1', { headers: { 'X-Partner': 'acme' } })).toMatchObject({ body: 'header-regex' });
    expect(await hit('/c?click_id=1', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"user":{"tier":"gold"}}' })).toMatchObject({ body: 'json-path' });
    expect(await hit('/c?click_id=1', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'status=1' })).toMatchObject({ body: 'form-present' });
    expect(await hit('/c')).toMatchObject({ body: 'fallback' });
    expect(await hit('/c')).toMatchObject({ body: 'absent-and-6th' });
  });

  it('renders response templates from the request', async () => {
    await createEndpoint({
      name: 'templates',
      path: '/t/:id',
      fallback: { status: 202, headers: [['X-Echo', '{{header.x-req}}']], body: '{{query.click_id}}|{{path.id}}|{{method}}|{{json.n}}|{{requestNumber}}' },
    });
    const res = await new Promise<{ status: number; echo: string | undefined; body: string }>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: tc.receiverPort, path: '/t/77?click_id=abc', method: 'POST', headers: { 'X-Req': 'r-1', 'Content-Type': 'application/json' } }, (r) => {
        let body = '';
        r.on('data', (d: Buffer) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode!, echo: r.headers['x-echo'] as string, body }));
      });
      req.end('{"n":12345678901234567890}');
    });
    expect(res.status).toBe(202);
    expect(res.echo).toBe('r-1');
    // JSON values are echoed as JSON text, from the parsed value: big integers lose precision only in templates.
    expect(res.body).toMatch(/^abc\|77\|POST\|1234567890123456\d+\|1$/);
  });

  it('fails the first N, then succeeds; sequences answer in order and can be reset', async () => {
    const e = await createEndpoint({ name: 'flaky', path: '/flaky', rules: [{ id: 'r', failure: { mode: 'fail-first', count: 2 }, responses: [ok()] }] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(((await hit('/flaky')) as { status: number }).status);
    expect(statuses).toEqual([500, 500, 200]);
    await createEndpoint({
      name: 'seq',
      path: '/seq',
      rules: [{ id: 's', sequenceEnd: 'loop', responses: [{ status: 503, headers: [], body: '' }, { status: 429, headers: [], body: '' }, { status: 200, headers: [], body: 'ok' }] }],
    });
    const seq = [];
    for (let i = 0; i < 4; i++) seq.push(((await hit('/seq')) as { status: number }).status);
    expect(seq).toEqual([503, 429, 200, 503]);
    await tc.api(`/api/endpoints/${e.id}/reset`, { method: 'POST' });
    expect(((await hit('/flaky')) as { status: number }).status).toBe(500);
  });

  it('fails a seeded percentage reproducibly', async () => {
    const run = async (): Promise<number[]> => {
      const e = await createEndpoint({ name: 'pct', path: '/pct', rules: [{ id: 'p', failure: { mode: 'fail-percent', percent: 30, seed: 42 }, responses: [ok()] }] });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push(((await hit('/pct')) as { status: number }).status);
      await tc.api(`/api/endpoints/${e.id}`, { method: 'DELETE' });
      return out;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(4);
    expect(failures).toBeLessThan(20);
  });

  it('misbehaves like real partners: close, reset, malformed, hang and slow answers, as a client sees them', async () => {
    const failing = (mode: string, extra: object = {}) => ({ name: mode, path: `/${mode}`, rules: [{ id: mode, failure: { mode, ...extra }, responses: [ok()] }] });
    for (const mode of ['close', 'reset', 'malformed', 'hang']) await createEndpoint(failing(mode));
    await createEndpoint(failing('timeout', { delayMs: 1500 }));
    expect(await hit('/close')).toEqual({ error: 'ECONNRESET' });
    expect(await hit('/reset')).toEqual({ error: 'ECONNRESET' });
    expect(await hit('/malformed')).toEqual({ error: 'HPE_INVALID_STATUS' });
    expect(await hit('/hang', { timeoutMs: 500 })).toEqual({ error: 'client timeout' });
    expect(await hit('/timeout', { timeoutMs: 500 })).toEqual({ error: 'client timeout' });
    const started = Date.now();
    expect(await hit('/timeout', { timeoutMs: 5000 })).toEqual({ status: 200, body: 'OK' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    // Every one of them is still captured, tagged with the endpoint and rule.
    const page = (await (await tc.api('/api/exchanges?limit=6')).json()) as ExchangePage;
    const details = await Promise.all(page.items.map(async (i) => (await (await tc.api(`/api/exchanges/${i.id}`)).json()) as ExchangeDetail));
    expect(details.map((d) => d.answeredBy)).toEqual(expect.arrayContaining([expect.stringContaining('(reset)'), expect.stringContaining('(hang)'), expect.stringContaining('answered after 1500 ms')]));
  });

  it('tags captures with the endpoint and flags duplicates by correlation key', async () => {
    const e = await createEndpoint({ name: 'dup', path: '/dup', correlationKeys: ['click_id', 'transaction_id'] });
    await hit('/dup?click_id=a&transaction_id=1');
    await hit('/dup?click_id=a&transaction_id=2');
    await hit('/dup?transaction_id=1&click_id=a&extra=x');
    const page = (await (await tc.api(`/api/exchanges?endpoint=${e.id}`)).json()) as ExchangePage;
    expect(page.items.map((i) => [i.endpointId, i.duplicate])).toEqual([[e.id, true], [e.id, false], [e.id, false]]);
    const dups = (await (await tc.api(`/api/exchanges?endpoint=${e.id}&duplicate=1`)).json()) as ExchangePage;
    expect(dups.items).toHaveLength(1);
    const detail = (await (await tc.api(`/api/exchanges/${dups.items[0]!.id}`)).json()) as ExchangeDetail;
    expect(detail.correlation).toBe('click_id=a&transaction_id=1');
    expect(detail.answeredBy).toBe('dup › fallback');
  });
});

describe('endpoint API', () => {
  it('refuses invalid definitions with the field named, and keeps what was saved', async () => {
    const saved = await createEndpoint({ name: 'keep', path: '/keep' });
    const bad = async (body: unknown) => {
      const res = await tc.api('/api/endpoints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { fields: Array<{ field: string; message: string }> } }).error.fields;
    };
    expect(await bad({ name: 'x', path: 'no-slash' })).toEqual([{ field: 'path', message: 'must start with "/"' }]);
    expect((await bad({ name: 'x', path: '/x', rules: [{ id: 'r', conditions: [{ source: 'query', name: 'a', op: 'matches', value: '([' }], responses: [ok()] }] }))[0]).toMatchObject({ field: 'rules[0].conditions[0].value', message: expect.stringMatching(/invalid regular expression/) });
    expect((await bad({ name: 'x', path: '/x', fallback: { status: 200, body: '{{query.click_id' } }))[0]).toMatchObject({ field: 'fallback.body' });
    expect((await bad({ name: 'x', path: '/x', fallback: { status: 200, body: '{{nope}}' } }))[0]?.message).toMatch(/unknown placeholder/);
    expect((await bad({ name: 'x', path: '/x', fallback: { status: 999, body: '' } }))[0]?.field).toBe('fallback.status');
    const put = await tc.api(`/api/endpoints/${saved.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...saved, path: '/a/*/b' }) });
    expect(put.status).toBe(400);
    expect(((await (await tc.api(`/api/endpoints/${saved.id}`)).json()) as Endpoint).path).toBe('/keep');
  });

  it('applies an edit to the next request, duplicates, exports and imports all-or-nothing', async () => {
    const e = await createEndpoint({ name: 'live', path: '/live', fallback: ok('v1') });
    expect(await hit('/live')).toMatchObject({ body: 'v1' });
    await tc.api(`/api/endpoints/${e.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...e, fallback: ok('v2') }) });
    expect(await hit('/live')).toMatchObject({ body: 'v2' });
    const copy = (await (await tc.api(`/api/endpoints/${e.id}/duplicate`, { method: 'POST' })).json()) as Endpoint;
    expect(copy).toMatchObject({ name: 'live (copy)', enabled: false, path: '/live' });
    const exported = (await (await tc.api('/api/endpoints/export')).json()) as { endpoints: unknown[] };
    expect(exported.endpoints).toHaveLength(2);
    const rejected = await tc.api('/api/endpoints/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([{ name: 'fine', path: '/fine' }, { name: 'broken', path: 'x' }]) });
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { error: { fields: Array<{ field: string }> } }).error.fields[0]?.field).toBe('[1].path');
    expect(((await (await tc.api('/api/endpoints')).json()) as unknown[]).length).toBe(2);
    const imported = await tc.api('/api/endpoints/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(exported) });
    expect(imported.status).toBe(201);
    expect(((await (await tc.api('/api/endpoints')).json()) as unknown[]).length).toBe(4);
  });

  it('Keitaro preset: return=OK answered and the capture tagged; fail first 2 gives 500, 500, 200', async () => {
    const presets = (await (await tc.api('/api/endpoint-presets')).json()) as EndpointPreset[];
    expect(presets.map((p) => p.id)).toEqual(expect.arrayContaining(['keitaro', 'voluum', 'tune', 'ironsource-offerwall', 'appsflyer-partner', 'adjust-partner', 'standard-webhooks']));
    expect(presets.every((p) => p.source.startsWith('https://'))).toBe(true);
    const keitaro = (await (await tc.api('/api/endpoint-presets/keitaro', { method: 'POST' })).json()) as Endpoint;
    expect(await hit('/keitaro/pbkey/postback?subid=s-1&status=sale&payout=2.5&return=OK')).toEqual({ status: 200, body: 'OK' });
    const last = ((await (await tc.api('/api/exchanges?limit=1')).json()) as ExchangePage).items[0]!;
    expect(last.endpointId).toBe(keitaro.id);
    const withFailure = { ...keitaro, rules: [...keitaro.rules, { id: 'flaky', name: 'fail first 2', enabled: true, conditions: [], responses: [keitaro.fallback], failure: { mode: 'fail-first', count: 2 } }] };
    await tc.api(`/api/endpoints/${keitaro.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(withFailure) });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(((await hit(`/keitaro/pbkey/postback?subid=s-${i + 2}&status=sale`)) as { status: number }).status);
    expect(seen).toEqual([500, 500, 200]);
    const list = ((await (await tc.api('/api/exchanges?limit=3')).json()) as ExchangePage).items.map((i) => i.status);
    expect(list).toEqual([200, 500, 500]);
    expect(await hit('/keitaro/pbkey/postback?status=sale')).toEqual({ status: 400, body: 'subid is required' });
    const tune = (await (await tc.api('/api/endpoint-presets/tune', { method: 'POST' })).json()) as Endpoint;
    expect(tune.id).toBeGreaterThan(0);
    expect(await hit('/tune/aff_lsr?amount=1')).toEqual({ status: 200, body: 'success=false; err_msg=Transaction ID not specified;' });
    await tc.api('/api/endpoint-presets/ironsource-offerwall', { method: 'POST' });
    expect(await hit('/ironsource/callback?eventId=ev-9&rewards=10')).toEqual({ status: 200, body: 'ev-9:OK' });
  });
});

describe('raw bytes stay raw through endpoints', () => {
  it('a rule that reads the body does not change what is stored', async () => {
    await createEndpoint({ name: 'json', path: '/j', rules: [{ id: 'r', conditions: [{ source: 'json', name: 'a', op: 'present' }], responses: [ok('seen')] }] });
    const body = '{"a": 1.0,  "b":12345678901234567890}';
    const res = await rawRequest(tc.receiverPort, `POST /j HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect(res.body.toString()).toBe('seen');
    const last = ((await (await tc.api('/api/exchanges?limit=1')).json()) as ExchangePage).items[0]!;
    const detail = (await (await tc.api(`/api/exchanges/${last.id}`)).json()) as ExchangeDetail;
    expect(Buffer.from(detail.body, 'base64').toString()).toBe(body);
  });
});

describe('delayed callbacks', () => {
  it('answers, then fires the callback built from the request through the sender after the delay', async () => {
    const started = Date.now();
    await createEndpoint({
      name: 'answer-then-webhook',
      path: '/async',
      fallback: { status: 202, headers: [], body: 'accepted' },
      callback: { url: `${tc.core.receiverUrl}/cb?click_id={{query.click_id}}&status=approved`, method: 'POST', headers: [['Content-Type', 'application/json'], ['X-From', '{{header.x-partner}}']], body: '{"click_id":"{{query.click_id}}"}', delayMs: 300 },
    });
    expect(await hit('/async?click_id=cb-1', { headers: { 'X-Partner': 'acme' } })).toEqual({ status: 202, body: 'accepted' });
    const waited = await tc.api('/api/exchanges/wait?param.click_id=cb-1&param.status=approved&timeout=5000');
    expect(waited.status).toBe(200);
    const callback = (await waited.json()) as ExchangeDetail;
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(callback.method).toBe('POST');
    expect(callback.rawHeaders.find(([n]) => n === 'X-From')?.[1]).toBe('acme');
    expect(Buffer.from(callback.body, 'base64').toString()).toBe('{"click_id":"cb-1"}');
    // It went out through the sender, so it is logged as an outbound postback too.
    const outbound = (await (await tc.api('/api/exchanges?direction=out&limit=5')).json()) as ExchangePage;
    expect(outbound.items.some((i) => i.url.includes('/cb?click_id=cb-1'))).toBe(true);
  });

  // docs.keitaro.io/en/conversions/postback.html: subid required; "with &return=OK Keitaro will show
  // 'OK'"; example URL https://example.com/key/postback?status=lead&payout=10&currency=EUR (the
  // postback key leads the path, docs.keitaro.io/en/conversions-and-postback/postback.html).
  it("Keitaro preset follows Keitaro's docs: key in the path, subid read from a form POST too, custom text only with return=", async () => {
    await tc.api('/api/endpoint-presets/keitaro', { method: 'POST' });
    const form = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
    expect(await hit('/keitaro/key/postback', { ...form, body: 'subid=kt-1&status=lead&payout=10' })).toEqual({ status: 200, body: '' });
    expect(await hit('/keitaro/key/postback', { ...form, body: 'subid=kt-2&status=sale&return=accepted' })).toEqual({ status: 200, body: 'accepted' });
    expect(await hit('/keitaro/key/postback', { ...form, body: 'status=sale' })).toEqual({ status: 400, body: 'subid is required' });
    expect(await hit('/keitaro/key/postback?subid=kt-3&status=lead&payout=10&currency=EUR')).toEqual({ status: 200, body: '' });
    const presets = (await (await tc.api('/api/endpoint-presets')).json()) as EndpointPreset[];
    expect(presets.find((p) => p.id === 'keitaro')!.source).toMatch(/^https:\/\/docs\.keitaro\.io\/en\/conversions\/postback\.html /);
    expect(presets.find((p) => p.id === 'voluum')!.description).toMatch(/does not document the body/);
  });

  it('an endpoint preset is linked to its profile preset (one profile, reused), so Keitaro hits are judged by Keitaro rules: no "no currency" warning', async () => {
    const first = (await (await tc.api('/api/endpoint-presets/keitaro', { method: 'POST' })).json()) as Endpoint;
    const second = (await (await tc.api('/api/endpoint-presets/keitaro', { method: 'POST' })).json()) as Endpoint;
    expect(first.profileId).toEqual(expect.any(Number));
    expect(second.profileId).toBe(first.profileId);
    const profile = (await (await tc.api(`/api/profiles/${first.profileId}`)).json()) as { preset?: string };
    expect(profile.preset).toBe('keitaro');

    expect(await hit('/keitaro/key/postback?subid=kt-9&status=sale&payout=2.5')).toMatchObject({ status: 200 });
    const last = ((await (await tc.api('/api/exchanges?limit=1')).json()) as ExchangePage).items[0]!;
    expect(last.endpointId).toBe(first.id);
    let verdict: { profileId: number | null; issues: Array<{ code: string }> } | null = null;
    await expect
      .poll(async () => {
        verdict = (await (await tc.api(`/api/exchanges/${last.id}/verdict`)).json()) as typeof verdict;
        return verdict?.profileId;
      })
      .toBe(first.profileId);
    expect(verdict!.issues.map((i) => i.code)).not.toContain('currency-missing');
  });
});
