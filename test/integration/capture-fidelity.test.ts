import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detail, latest, rawRequest, startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore({ limits: { maxDecodedBytes: 1024 * 1024 } });
});
afterAll(async () => tc.close());

const host = (): string => `Host: 127.0.0.1:${tc.receiverPort}\r\n`;

describe('receiver stores requests byte-exact', () => {
  it('keeps the raw query: duplicate keys, order, + vs %20, invalid escapes', async () => {
    const target = '/pb?b=2&a=1&a=1&x=a+b%20c&bad=%zz&enc=%7Bclick_id%7D&empty=&flag';
    const res = await rawRequest(tc.receiverPort, `GET ${target} HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`);
    expect(res.status).toBe(200);
    const d = await latest(tc);
    expect(d.url).toBe(target);
    expect(d.query.map((p) => [p.rawName, p.rawValue])).toEqual([
      ['b', '2'], ['a', '1'], ['a', '1'], ['x', 'a+b%20c'], ['bad', '%zz'], ['enc', '%7Bclick_id%7D'], ['empty', ''], ['flag', ''],
    ]);
    const byName = (n: string) => d.query.find((p) => p.name === n)!;
    expect(byName('x').value).toBe('a b c');
    expect(byName('x').anomalies).toContain('plus-as-space');
    expect(byName('bad').anomalies).toContain('invalid-percent-escape');
    expect(byName('enc').value).toBe('{click_id}');
    expect(d.query[1]!.anomalies).toContain('duplicate-key');
    expect(byName('empty').anomalies).toContain('empty-value');
    expect(byName('flag').anomalies).toContain('no-equals');
  });

  it('keeps header names as sent, their order and duplicates', async () => {
    await rawRequest(tc.receiverPort, `GET /h HTTP/1.1\r\n${host()}X-Sig: one\r\nx-sig: two\r\nX-SIG: three\r\nx-CamelCase: v\r\nConnection: close\r\n\r\n`);
    const d = await latest(tc);
    expect(d.rawHeaders).toEqual([
      ['Host', `127.0.0.1:${tc.receiverPort}`], ['X-Sig', 'one'], ['x-sig', 'two'], ['X-SIG', 'three'], ['x-CamelCase', 'v'], ['Connection', 'close'],
    ]);
  });

  it('keeps every byte of a binary body', async () => {
    const body = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
    const head = `POST /bin HTTP/1.1\r\n${host()}Content-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(head), body]));
    const d = await latest(tc);
    expect(Buffer.from(d.body, 'base64').equals(body)).toBe(true);
    expect(d.bodySize).toBe(1024);
    expect(d.bodyView.kind).toBe('binary');
  });

  it('reads chunked bodies in full and the raw message re-frames them', async () => {
    const req = `POST /chunked HTTP/1.1\r\n${host()}Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n`;
    expect((await rawRequest(tc.receiverPort, req)).status).toBe(200);
    const d = await latest(tc);
    expect(Buffer.from(d.body, 'base64').toString()).toBe('hello world');
    const raw = await (await tc.api(`/api/exchanges/${d.id}/raw`)).text();
    expect(raw).toContain('Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nb\r\nhello world\r\n0\r\n\r\n');
  });

  it('captures methods Fastify does not route by default, and GET bodies', async () => {
    await rawRequest(tc.receiverPort, `PROPFIND /dav HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`);
    expect((await latest(tc)).method).toBe('PROPFIND');
    await rawRequest(tc.receiverPort, `GET /with-body HTTP/1.1\r\n${host()}Content-Length: 4\r\nConnection: close\r\n\r\nping`);
    const d = await latest(tc);
    expect(d.method).toBe('GET');
    expect(Buffer.from(d.body, 'base64').toString()).toBe('ping');
  });

  it('captures malformed content types and bad path escapes instead of refusing them', async () => {
    const res = await rawRequest(tc.receiverPort, `POST /odd HTTP/1.1\r\n${host()}Content-Type: ;;;\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`);
    expect(res.status).toBe(200);
    expect(Buffer.from((await latest(tc)).body, 'base64').toString()).toBe('abc');
    const bad = await rawRequest(tc.receiverPort, `GET /bad%zzpath?click_id=1 HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`);
    expect(bad.status).toBe(200);
    expect((await latest(tc)).url).toBe('/bad%zzpath?click_id=1');
  });

  it('keeps non-UTF-8 header bytes and shows UTF-8 ones as text', async () => {
    const head = Buffer.concat([
      Buffer.from(`GET /charset HTTP/1.1\r\n${host()}X-Latin: caf`),
      Buffer.from([0xe9]),
      Buffer.from('\r\nX-Utf8: caf'),
      Buffer.from('é', 'utf8'),
      Buffer.from('\r\nConnection: close\r\n\r\n'),
    ]);
    await rawRequest(tc.receiverPort, head);
    const d = await latest(tc);
    expect(d.rawHeaders.find(([n]) => n === 'X-Latin')?.[1]).toBe('caf\u00e9');
    expect(d.rawHeaders.find(([n]) => n === 'X-Utf8')?.[1]).toBe('café');
    const raw = Buffer.from(await (await tc.api(`/api/exchanges/${d.id}/raw`)).arrayBuffer());
    expect(raw.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0d]))).toBe(true);
  });

  it('records HTTP version, remote address/port, receive time and our response', async () => {
    const before = Date.now();
    await rawRequest(tc.receiverPort, `GET /v10?click_id=z HTTP/1.0\r\n${host()}\r\n`);
    const d = await latest(tc);
    expect(d.httpVersion).toBe('1.0');
    expect(d.remoteAddress).toBe('127.0.0.1');
    expect(d.remotePort).toBeGreaterThan(0);
    expect(d.receivedAt).toBeGreaterThanOrEqual(before);
    expect(d.response?.status).toBe(200);
    expect(Buffer.from(d.response!.body, 'base64').toString()).toBe('OK');
    expect(d.answeredBy).toMatch(/default/);
  });
});

describe('derived views never replace the raw bytes', () => {
  it('decodes gzip JSON for display and keeps big numbers as source text', async () => {
    const json = '{"click_id":"g-1","n":12345678901234567890,"p":1.0}';
    const gz = gzipSync(json);
    const head = `POST /json HTTP/1.1\r\n${host()}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\nConnection: close\r\n\r\n`;
    await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(head), gz]));
    const d = await latest(tc);
    expect(Buffer.from(d.body, 'base64').equals(gz)).toBe(true);
    expect(d.bodyView.contentEncoding).toEqual(['gzip']);
    expect(d.bodyView.kind).toBe('json');
    expect(d.bodyView.text).toBe(json);
  });

  it('stops a gzip bomb at the display cap with a clear error, raw bytes kept', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const head = `POST /bomb HTTP/1.1\r\n${host()}Content-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\nConnection: close\r\n\r\n`;
    expect((await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(head), bomb]))).status).toBe(200);
    const d = await latest(tc);
    expect(d.bodySize).toBe(bomb.length);
    expect(d.bodyView.decodeError).toMatch(/exceeds the 1048576-byte display cap/);
    expect(d.bodyView.kind).toBe('binary');
  });

  it('decodes declared charsets, form bodies and multipart parts', async () => {
    const latin = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(`POST /t HTTP/1.1\r\n${host()}Content-Type: text/plain; charset=iso-8859-1\r\nContent-Length: 4\r\nConnection: close\r\n\r\n`), latin]));
    let d = await latest(tc);
    expect(d.bodyView.text).toBe('café');
    expect(d.bodyView.charset).toBe('iso-8859-1');

    const form = 'click_id=f-1&payout=2.50&note=a+b';
    await rawRequest(tc.receiverPort, `POST /f HTTP/1.1\r\n${host()}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\nConnection: close\r\n\r\n${form}`);
    d = await latest(tc);
    expect(d.bodyView.form).toEqual([['click_id', 'f-1'], ['payout', '2.50'], ['note', 'a b']]);

    const mp = '--XyZ\r\nContent-Disposition: form-data; name="click_id"\r\n\r\nm-1\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\x02\r\n--XyZ--\r\n';
    await rawRequest(tc.receiverPort, `POST /m HTTP/1.1\r\n${host()}Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: ${Buffer.byteLength(mp, 'latin1')}\r\nConnection: close\r\n\r\n${mp}`);
    d = await latest(tc);
    expect(d.bodyView.kind).toBe('multipart');
    expect(d.bodyView.multipart?.map((p) => [p.name, p.filename, p.size, p.text])).toEqual([
      ['click_id', null, 3, 'm-1'],
      ['file', 'a.bin', 3, null],
    ]);
  });

  it('serves the decoded body in full for "show anyway"', async () => {
    const text = 'x'.repeat(2 * 1024 * 1024);
    const gz = gzipSync(text);
    const head = `POST /big HTTP/1.1\r\n${host()}Content-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\nConnection: close\r\n\r\n`;
    await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(head), gz]));
    const d = await latest(tc);
    // The display cap of this core is 1 MiB, so the view reports the cap instead of the text.
    expect(d.bodyView.decodeError).toMatch(/display cap/);
    const raw = Buffer.from(await (await tc.api(`/api/exchanges/${d.id}/body`)).arrayBuffer());
    expect(raw.equals(gz)).toBe(true);
  });
});

describe('lookup', () => {
  it('finds postbacks by any param value, in the query, a form or a JSON body, and by free text', async () => {
    await rawRequest(tc.receiverPort, `GET /find?click_id=needle-123&event=purchase HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`);
    const json = '{"transaction_id":"tx-998","event":"install"}';
    await rawRequest(tc.receiverPort, `POST /find HTTP/1.1\r\n${host()}Content-Type: application/json\r\nContent-Length: ${json.length}\r\nConnection: close\r\n\r\n${json}`);
    await tc.core.derived.settle();
    const byParam = (await (await tc.api('/api/exchanges?param.click_id=needle-123')).json()) as { items: Array<{ url: string }> };
    expect(byParam.items.map((i) => i.url)).toEqual(['/find?click_id=needle-123&event=purchase']);
    const byJson = (await (await tc.api('/api/exchanges?param.transaction_id=tx-998')).json()) as { items: Array<{ method: string }> };
    expect(byJson.items.map((i) => i.method)).toEqual(['POST']);
    const byText = (await (await tc.api('/api/exchanges?q=needle-12')).json()) as { items: Array<{ url: string }> };
    expect(byText.items).toHaveLength(1);
    const both = (await (await tc.api('/api/exchanges?param.event=purchase&method=POST')).json()) as { items: unknown[] };
    expect(both.items).toHaveLength(0);
    expect((await detail(tc, 1)).id).toBe(1);
  });

  it('shows key params of body postbacks in the list and finds multipart fields', async () => {
    const json = '{"click_id":"body-key-1","event":"purchase","payout":"3.10"}';
    await rawRequest(tc.receiverPort, `POST /body-key HTTP/1.1\r\n${host()}Content-Type: application/json\r\nContent-Length: ${json.length}\r\nConnection: close\r\n\r\n${json}`);
    const mp = '--B\r\nContent-Disposition: form-data; name="sub_id"\r\n\r\nmp-needle-1\r\n--B--\r\n';
    await rawRequest(tc.receiverPort, `POST /mp HTTP/1.1\r\n${host()}Content-Type: multipart/form-data; boundary=B\r\nContent-Length: ${mp.length}\r\nConnection: close\r\n\r\n${mp}`);
    await tc.core.derived.settle();
    const page = (await (await tc.api('/api/exchanges?path=/body-key')).json()) as { items: Array<{ keyParams: Array<{ name: string; value: string }> }> };
    expect(page.items[0]?.keyParams).toEqual([{ name: 'click_id', value: 'body-key-1' }, { name: 'event', value: 'purchase' }, { name: 'payout', value: '3.10' }]);
    const found = (await (await tc.api('/api/exchanges?q=mp-needle')).json()) as { items: Array<{ path: string }> };
    expect(found.items.map((i) => i.path)).toEqual(['/mp']);
    expect(((await (await tc.api('/api/exchanges?param.sub_id=mp-needle-1')).json()) as { items: unknown[] }).items).toHaveLength(1);
  });
});
