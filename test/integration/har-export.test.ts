/**
 * GET /api/exchanges.har: captures and sends as HAR 1.2 that a strict schema accepts, with the
 * bytes HAR text cannot show kept in `_raw` and binary bodies in base64, filtered like the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openLog, rawRequest, startCore, type TestCore } from '../helpers/core.js';
import { exportHar, schemaErrors } from '../helpers/har.js';

let tc: TestCore;
const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 13) % 256));

beforeAll(async () => {
  tc = await startCore();
  const host = `Host: 127.0.0.1:${tc.receiverPort}\r\n`;
  // Header case, order and duplicates; a raw 0xE9 byte in the target (not UTF-8).
  await rawRequest(tc.receiverPort, Buffer.from(`GET /pb?click_id=a1&name=caf\xe9&x=a+b HTTP/1.1\r\n${host}X-Sig: one\r\nx-sig: two\r\nCookie: s=1; t=2\r\nConnection: close\r\n\r\n`, 'latin1'));
  const json = '{"click_id":"j2","payout":12.50,"name":"Zoë"}';
  await rawRequest(tc.receiverPort, `POST /json HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${Buffer.from(json).toString('latin1')}`);
  const head = `POST /bin HTTP/1.1\r\n${host}Content-Type: application/octet-stream\r\nContent-Length: ${binary.length}\r\nConnection: close\r\n\r\n`;
  await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(head), binary]));
  // An out exchange as the sender records it (no network needed for the export's view of it), written on the test's own connection.
  new ExchangesRepository(openLog(tc.core)).insertMany([
    {
      direction: 'out', method: 'POST', target: '/cb?tid=9', path: '/cb', httpVersion: '1.1', rawHeaders: [['Content-Type', 'text/plain']], contentType: 'text/plain',
      body: Buffer.from('ok=1'), bodySize: 4, remoteAddress: 'partner.test', remotePort: 8443, receivedAt: Date.now(), durationMs: 12.5, rejected: null,
      response: { status: 204, rawHeaders: [['X-Req', 'r1']], body: Buffer.alloc(0) }, answeredBy: 'sender', endpointId: null, correlation: null,
    },
  ]);
});
afterAll(async () => tc.close());

describe('HAR export', () => {
  it('is valid HAR 1.2, oldest first, with every exchange', async () => {
    const har = await exportHar(tc);
    expect(schemaErrors(har)).toEqual([]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.map((e) => e.request.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
    const ids = har.log.entries.map((e) => e._id!);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('keeps raw header order and case, the exact target bytes, and derives query and cookies', async () => {
    const [get] = (await exportHar(tc, 'path=/pb')).log.entries;
    expect(get!.request.headers.map((h) => h.name)).toEqual(['Host', 'X-Sig', 'x-sig', 'Cookie', 'Connection']);
    expect(get!.request._raw!.target).toBe('/pb?click_id=a1&name=caf\xe9&x=a+b');
    expect(get!.request._raw!.headers[1]).toEqual(['X-Sig', 'one']);
    expect(get!.request.url).toBe(`http://127.0.0.1:${tc.receiverPort}/pb?click_id=a1&name=caf\xe9&x=a+b`);
    expect(get!.request.queryString.map((q) => [q.name, q.value])).toEqual([['click_id', 'a1'], ['name', expect.any(String)], ['x', 'a b']]);
    expect(get!.request.cookies).toEqual([{ name: 's', value: '1' }, { name: 't', value: '2' }]);
    expect(get!._direction).toBe('in');
    // Node's parser refuses the raw byte (400, kept as malformed): the bytes are still all there.
    expect(get!.response.status).toBe(400);
    expect(get!.timings.wait).toBe(get!.time);
  });

  it('writes text bodies as text and binary ones as base64', async () => {
    const entries = (await exportHar(tc, 'method=POST&direction=in')).log.entries;
    expect(entries).toHaveLength(2);
    expect(entries[0]!.request.postData).toEqual({ mimeType: 'application/json', text: '{"click_id":"j2","payout":12.50,"name":"Zoë"}' });
    expect(entries[1]!.request.postData!.encoding).toBe('base64');
    expect(Buffer.from(entries[1]!.request.postData!.text!, 'base64').equals(binary)).toBe(true);
    expect(entries[1]!.request.bodySize).toBe(300);
  });

  it('gives an out exchange its destination URL, status text and our fields', async () => {
    const [out] = (await exportHar(tc, 'direction=out')).log.entries;
    expect(out!.request.url).toBe('http://partner.test:8443/cb?tid=9');
    expect(out!.response.status).toBe(204);
    expect(out!.response.statusText).toBe('No Content');
    expect(out!.response._raw!.headers).toEqual([['X-Req', 'r1']]);
    expect(out!.time).toBe(12.5);
    expect(out!._direction).toBe('out');
    expect(out!._imported).toBe(false);
    expect(out).toHaveProperty('_verdict');
  });

  it('exports nothing but an empty log when the filter matches nothing', async () => {
    const har = await exportHar(tc, 'path=/nowhere');
    expect(har.log.entries).toEqual([]);
    expect(schemaErrors(har)).toEqual([]);
  });
});
