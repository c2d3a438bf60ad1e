/**
 * POST /api/import/har: a Chromium DevTools HAR imports as exchanges marked imported (and as
 * Composer templates), HAR → import → export keeps every byte HAR holds, and a malformed HAR is
 * refused whole with the JSON path of its first problem.
 */
import { afterAll, beforeEach, beforeAll, describe, expect, it } from 'vitest';
import type { HarEntry } from '../../src/interop/har/har-types.js';
import { detail, openLog, rawRequest, startCore, type TestCore } from '../helpers/core.js';
import { chromiumHar, exportHar, importHar, schemaErrors } from '../helpers/har.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
beforeEach(() => tc.core.clearExchanges());
afterAll(async () => tc.close());

interface ImportAnswer {
  imported: number;
  ids: number[];
  skipped: Array<{ index: number; url: string; reason: string }>;
}

/** What HAR can hold of an entry, bodies as bytes (text vs base64 is only their spelling). */
function holdable(e: HarEntry) {
  const bytes = (holder: { text?: string; encoding?: string } | undefined) =>
    holder?.text === undefined ? '' : holder.encoding === 'base64' ? Buffer.from(holder.text, 'base64').toString('hex') : Buffer.from(holder.text, 'utf8').toString('hex');
  return {
    startedDateTime: e.startedDateTime, time: e.time, timings: e.timings, serverIPAddress: e.serverIPAddress, connection: e.connection,
    request: { method: e.request.method, url: e.request.url, httpVersion: e.request.httpVersion, headers: e.request.headers, postMime: e.request.postData?.mimeType, body: bytes(e.request.postData) },
    response: { status: e.response.status, statusText: e.response.statusText, httpVersion: e.response.httpVersion, headers: e.response.headers, mimeType: e.response.content.mimeType, body: bytes(e.response.content), redirectURL: e.response.redirectURL },
  };
}

describe('HAR import', () => {
  it('the Chromium fixture is itself valid HAR 1.2 (the schema accepts real-world output)', () => {
    expect(schemaErrors(chromiumHar())).toEqual([]);
  });

  it('imports a Chromium DevTools HAR: http(s) entries become imported exchanges, data: URLs are skipped', async () => {
    const response = await importHar(tc, chromiumHar());
    expect(response.status).toBe(201);
    const answer = (await response.json()) as ImportAnswer;
    expect(answer.imported).toBe(4);
    expect(answer.skipped).toEqual([{ index: 4, url: expect.stringMatching(/^data:image\/png/), reason: 'not an http(s) request' }]);

    const postback = await detail(tc, answer.ids[1]!);
    expect(postback.method).toBe('POST');
    expect(postback.url).toBe('/postback?click_id=c9f2-77aa&event=purchase&payout=12.50&currency=EUR');
    expect(postback.rawHeaders.slice(0, 2)).toEqual([[':authority', 'track.partner.example'], [':method', 'POST']]);
    expect(Buffer.from(postback.body, 'base64').toString('utf8')).toBe('{"order_id":"A-7731","amount":12.50,"currency":"EUR","name":"Zoë"}');
    expect(postback.response!.status).toBe(202);
    expect(postback.receivedAt).toBe(Date.parse('2025-03-11T09:14:02.571Z'));
    expect(postback.answeredBy).toBe('imported from HAR (WebInspector 537.36)');

    const pixel = await detail(tc, answer.ids[2]!);
    expect(Buffer.from(pixel.response!.body, 'base64').subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const failed = await detail(tc, answer.ids[3]!);
    expect(failed.response).toBeNull();

    // Marked imported in the store (migration 013), and in the export.
    const marks = openLog(tc.core).prepare('SELECT count(*) FROM exchanges WHERE imported IS NOT NULL').pluck().get();
    expect(marks).toBe(4);
    expect((await exportHar(tc)).log.entries.every((e) => e._imported === true)).toBe(true);
  });

  it('round trip: Chromium HAR → import → export keeps every byte HAR can hold, and the export is valid', async () => {
    const source = chromiumHar();
    await importHar(tc, source);
    const exported = await exportHar(tc);
    expect(schemaErrors(exported)).toEqual([]);
    const httpEntries = source.log.entries.filter((e) => e.request.url.startsWith('http'));
    expect(exported.log.entries.map(holdable)).toEqual(httpEntries.map(holdable));
  });

  it('round trip of our own export: capture → export → import → export gives the same bytes', async () => {
    const host = `Host: 127.0.0.1:${tc.receiverPort}\r\n`;
    const body = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0x41]);
    await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(`PUT /raw?a=%zz&b=1+2 HTTP/1.1\r\n${host}X-Case: A\r\nx-case: b\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, 'latin1'), body]));
    const first = await exportHar(tc);
    tc.core.clearExchanges();
    expect((await importHar(tc, first)).status).toBe(201);
    const second = await exportHar(tc);
    const strip = (e: HarEntry) => ({ ...e, _id: 0, _imported: false, _verdict: null, _duplicate: false, _answeredBy: null });
    // The second export writes the import's facts back; compare what HAR holds plus the raw bytes.
    expect(second.log.entries.map(holdable)).toEqual(first.log.entries.map(holdable));
    expect(second.log.entries.map((e) => strip(e).request._raw)).toEqual(first.log.entries.map((e) => strip(e).request._raw));
    expect(Buffer.from(second.log.entries[0]!.request.postData!.text!, 'base64').equals(body)).toBe(true);
    expect(second.log.entries[0]!._direction).toBe('in');
  });

  it('refuses a malformed HAR whole, naming the JSON path of the first problem', async () => {
    const har = chromiumHar();
    (har.log.entries[2]!.request as unknown as Record<string, unknown>)['url'] = 42;
    har.log.entries[3]!.response.content.encoding = 'rot13';
    const response = await importHar(tc, har);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; fields: Array<{ field: string }> } };
    expect(body.error.code).toBe('INVALID_HAR');
    expect(body.error.fields[0]!.field).toBe('$.log.entries[2].request.url');
    expect(body.error.message).toContain('$.log.entries[2].request.url: must be a string');
    expect(tc.core.exchanges.count()).toBe(0);
  });

  it('refuses bad base64 and a missing log with their paths', async () => {
    const har = chromiumHar();
    har.log.entries[1]!.request.postData = { mimeType: 'application/octet-stream', text: 'not base64!', encoding: 'base64' };
    const bad = (await (await importHar(tc, har)).json()) as { error: { fields: Array<{ field: string }> } };
    expect(bad.error.fields[0]!.field).toBe('$.log.entries[1].request.postData.text');
    const empty = (await (await importHar(tc, { entries: [] })).json()) as { error: { fields: Array<{ field: string }> } };
    expect(empty.error.fields[0]!.field).toBe('$.log');
    expect(tc.core.exchanges.count()).toBe(0);
  });

  it('imports entries as Composer templates with ?as=templates', async () => {
    const before = tc.core.sender.templates.list().length;
    const response = await importHar(tc, chromiumHar(), 'as=templates');
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { templates: Array<{ id: number; name: string }>; skipped: unknown[] };
    expect(answer.templates).toHaveLength(4);
    expect(answer.skipped).toHaveLength(1);
    const postback = tc.core.sender.templates.get(answer.templates[1]!.id)!;
    expect(postback.name).toBe('POST track.partner.example/postback');
    expect(postback.method).toBe('POST');
    expect(postback.url).toBe('https://track.partner.example/postback?click_id=c9f2-77aa&event=purchase&payout=12.50&currency=EUR');
    // Pseudo-headers and what the sender computes (content-length) are left out; the rest in order.
    expect(postback.headers.map(([n]) => n)).toEqual(['accept', 'content-type', 'origin', 'referer', 'x-signature']);
    expect(postback.bodyMode).toBe('raw');
    expect(postback.body).toContain('"order_id":"A-7731"');
    expect(tc.core.sender.templates.list().length).toBe(before + 4);
    expect(tc.core.exchanges.count()).toBe(0);
  });
});
