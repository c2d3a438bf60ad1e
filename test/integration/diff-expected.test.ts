import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonResult } from '../../src/model/comparison.js';
import type { Endpoint } from '../../src/model/endpoint.js';
import { capture, json, startDiffCore, type DiffTestCore } from './diff-harness.js';

let tc: DiffTestCore;
let host: string;
beforeAll(async () => {
  tc = await startDiffCore();
  host = `127.0.0.1:${tc.receiverPort}`;
  await json<Endpoint>(
    tc.api('/api/endpoints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'conv', path: '/conv', correlationKeys: ['click_id'] }) }),
  );
});
afterAll(async () => tc.close());

/** The sender's view of a postback: a template expansion, absolute URL, no transport headers. */
const expected = {
  method: 'POST',
  url: 'https://partner.example/conv?click_id=e1&sum=10&note=a+b',
  rawHeaders: [
    ['Content-Type', 'application/json'],
    ['X-Signature', 'abc'],
  ] as Array<[string, string]>,
  body: '{"amount":12345678901234567890,"rate":1.0}',
};

const postExpected = (body: object, query = ''): Promise<Response> =>
  tc.diffApi(`/api/diff/expected${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('expected request vs captured request', () => {
  it('is identical when the wire added only transport headers (host, content-length, user-agent…)', async () => {
    const id = await capture(tc, `POST /conv?click_id=e1&sum=10&note=a+b HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nX-Signature: abc\r\nUser-Agent: sender/1\r\n`, expected.body);
    const result = await json<ComparisonResult>(postExpected({ expected, exchangeId: id }));
    expect(result.identical).toBe(true);
    expect(result.left).toEqual({ kind: 'expected', method: 'POST', url: '/conv?click_id=e1&sum=10&note=a+b' });
    expect(result.right).toMatchObject({ kind: 'exchange', id, correlation: 'click_id=e1' });
    const added = result.headers.filter((h) => h.kind === 'added').map((h) => h.kind !== 'order' && h.name);
    expect(added).toEqual(['host', 'user-agent', 'content-length']);

    // The sender calls the same function in-process.
    const direct = tc.comparison.compareExpectedRequest(expected, id);
    expect(direct.summary).toBe(result.summary);
  });

  it('finds the capture by correlation key and shows what the wire changed: encoding, big numbers, a header', async () => {
    await capture(tc, `POST /conv?click_id=e2&sum=10 HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n`, '{}');
    const id = await capture(
      tc,
      `POST /conv?click_id=e2&sum=%31%30&note=a%20b HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nX-Signature: abd\r\n`,
      '{"amount":12345678901234567891,"rate":1}',
    );
    const result = await json<ComparisonResult>(postExpected({ expected: { ...expected, url: expected.url.replace('e1', 'e2') }, correlation: 'click_id=e2' }));
    expect(result.right).toMatchObject({ id });
    expect(result.query.filter((q) => q.kind === 'encoding-only').map((q) => q.kind !== 'order' && q.name)).toEqual(['sum', 'note']);
    expect(result.headers.filter((h) => h.counted)).toEqual([expect.objectContaining({ kind: 'changed', name: 'x-signature' })]);
    const body = result.body;
    expect(body.kind).toBe('json');
    if (body.kind !== 'json') return;
    // Numbers compared as source text: the 20-digit integers differ (a double would call them equal),
    // and `1.0` vs `1` is reported as the text change it is (signatures over the body see it).
    expect(body.entries.filter((e) => e.counted)).toEqual([
      expect.objectContaining({ kind: 'changed', path: '$.amount', left: '12345678901234567890', right: '12345678901234567891' }),
      expect.objectContaining({ kind: 'changed', path: '$.rate', left: '1.0', right: '1', note: 'numerically equal, source text differs' }),
    ]);
    expect(result.differences).toBe(3);

    const md = await postExpected({ expected: { ...expected, url: expected.url.replace('e1', 'e2') }, correlation: 'click_id=e2', ignore: ['x-signature', '$.amount', '$.rate'] }, '?format=markdown');
    expect(await md.text()).toMatch(/\*\*Left:\*\* expected `POST \/conv\?click_id=e2[^`]*`[\s\S]*\*\*Identical:\*\*/);
  });

  it('takes a binary expected body as base64', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const id = await capture(tc, `PUT /conv?click_id=bin HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/octet-stream\r\n`, bytes.toString('latin1'));
    const same = { method: 'PUT', url: '/conv?click_id=bin', rawHeaders: [['Content-Type', 'application/octet-stream']], bodyBase64: bytes.toString('base64') };
    expect((await json<ComparisonResult>(postExpected({ expected: same, exchangeId: id }))).identical).toBe(true);
    const other = { ...same, bodyBase64: Buffer.from([0, 1, 3]).toString('base64') };
    const result = await json<ComparisonResult>(postExpected({ expected: other, exchangeId: id }));
    expect(result.body).toMatchObject({ kind: 'binary', left: { size: 3 }, right: { size: 5 }, firstDifference: { offset: 2 } });
  });

  it('refuses what it cannot compare', async () => {
    const status = async (body: object) => (await postExpected(body)).status;
    expect(await status({ expected, correlation: 'click_id=never' })).toBe(404);
    expect(await status({ expected, exchangeId: 999999 })).toBe(404);
    expect(await status({ expected })).toBe(400);
    expect(await status({ expected, exchangeId: 1, correlation: 'x' })).toBe(400);
    const invalid = await postExpected({ expected: { method: 'GET' }, exchangeId: 1 });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'INVALID_EXPECTED_REQUEST', fields: [{ field: 'expected.url' }] } });
  });
});
