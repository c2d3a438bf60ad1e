/**
 * What Node's HTTP parser refuses, what arrives too slowly, and what asks for a tunnel is answered
 * with a precise status AND logged; nothing past a header count is dropped; the connection cap
 * refuses and counts. All over raw sockets, since an HTTP client would not send these bytes.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeDetail, ExchangeSummary } from '../../src/index.js';
import { detail, rawRequest, startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
const limits = { headersTimeoutMs: 600, bodyIdleTimeoutMs: 400, requestTimeoutMs: 1500, maxConnections: 8, maxHeaderBytes: 64 * 1024 };

beforeAll(async () => {
  tc = await startCore({ limits });
});
afterAll(async () => tc.close());

/** Everything the server writes until it closes the connection (or `timeoutMs`). */
function conversation(bytes: Buffer | string, options: { timeoutMs?: number; trickle?: Array<[number, string]> } = {}): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(tc.receiverPort, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${options.timeoutMs ?? 5000} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1'))}`));
    }, options.timeoutMs ?? 5000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedAfterMs: Date.now() - started });
    });
    socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
    for (const [afterMs, more] of options.trickle ?? []) setTimeout(() => socket.writable && socket.write(more, 'latin1'), afterMs);
  });
}

async function rowsSince(id: number, count: number): Promise<ExchangeDetail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const page = (await (await tc.api('/api/exchanges?limit=50')).json()) as { items: ExchangeSummary[] };
    const fresh = page.items.filter((item) => item.id > id).sort((a, b) => a.id - b.id);
    if (fresh.length >= count || Date.now() > deadline) return Promise.all(fresh.map((row) => detail(tc, row.id)));
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lastId = (): number => tc.core.exchanges.maxId();

describe('requests the parser refuses are answered and logged', () => {
  const table: Array<{ name: string; bytes: string; status: number }> = [
    { name: 'an unknown method', bytes: 'FROB /pb?click_id=m1 HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
    { name: 'a NUL in a header value', bytes: 'GET /pb?click_id=m2 HTTP/1.1\r\nHost: x\r\nX-Sig: ab\u0000cd\r\n\r\n', status: 400 },
    { name: 'Content-Length together with Transfer-Encoding', bytes: 'POST /pb HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n', status: 400 },
    { name: 'a bare CR in the request line', bytes: 'GET /pb?click_id=m4\rX HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  ];
  for (const { name, bytes, status } of table) {
    it(`${name}: ${status}, a "malformed" row holding the bytes verbatim, and /raw gives them back`, async () => {
      const before = lastId();
      const { text } = await conversation(bytes);
      expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(text).toContain('MALFORMED_REQUEST');
      const [row] = await rowsSince(before, 1);
      expect(row).toMatchObject({ rejected: 'malformed', response: { status } });
      expect(row!.answeredBy).toMatch(/^HTTP parser \(400\): .*HPE_/);
      const raw = await (await tc.api(`/api/exchanges/${row!.id}/raw`)).arrayBuffer();
      expect(Buffer.from(raw).toString('latin1')).toBe(bytes);
    });
  }

  it('a head past the byte limit: 431 and a row, capped at 64 KiB', async () => {
    const before = lastId();
    const huge = `GET /pb?click_id=${'x'.repeat(70 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const { text } = await conversation(huge);
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    const [row] = await rowsSince(before, 1);
    // The evidence is the chunk the parser was reading when the head outgrew the limit.
    expect(row).toMatchObject({ rejected: 'malformed', response: { status: 431 } });
    expect(row!.answeredBy).toContain('HPE_HEADER_OVERFLOW');
    expect(row!.bodySize).toBeGreaterThan(0);
  });

  it('CONNECT is answered 405 and logged, not dropped', async () => {
    const before = lastId();
    const { text } = await conversation('CONNECT partner.example:443 HTTP/1.1\r\nHost: partner.example:443\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 405 /);
    expect(text).toContain('NOT_A_PROXY');
    const [row] = await rowsSince(before, 1);
    expect(row).toMatchObject({ method: 'CONNECT', rejected: 'not_proxied', response: { status: 405 } });
  });

  it('a request without Host is captured like any other (Node alone would answer 400 and say nothing)', async () => {
    const before = lastId();
    const response = await rawRequest(tc.receiverPort, 'GET /pb?click_id=no-host HTTP/1.1\r\n\r\n');
    expect(response.status).toBe(200);
    const [row] = await rowsSince(before, 1);
    expect(row).toMatchObject({ rejected: null, url: '/pb?click_id=no-host' });
  });

  it('garbage pipelined behind a valid request: the client gets 200 then 400, and both rows say so', async () => {
    const before = lastId();
    const { text } = await conversation('GET /pb?click_id=piped HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\u0001 / HTTP/1.1\r\n\r\n');
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 400]);
    const rows = await rowsSince(before, 2);
    expect(rows.map((r) => [r.rejected, r.response?.status])).toEqual([
      [null, 200],
      ['malformed', 400],
    ]);
  });
});

describe('timeouts and the connection cap', () => {
  it('a body that stops arriving: 408 after the idle limit, the part that came is kept', async () => {
    const before = lastId();
    const { text } = await conversation('POST /pb HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab');
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    const [row] = await rowsSince(before, 1);
    expect(row).toMatchObject({ rejected: 'timeout', response: { status: 408 }, bodySize: 2 });
    expect(row!.answeredBy).toContain(`no body byte for ${limits.bodyIdleTimeoutMs} ms`);
  });

  it('a body trickled a byte at a time: 408 at the whole-request deadline', async () => {
    const before = lastId();
    const trickle: Array<[number, string]> = Array.from({ length: 30 }, (_, i) => [(i + 1) * 150, 'x']);
    const { text, closedAfterMs } = await conversation('POST /pb HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n', { trickle });
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    console.log(`trickled body cut after ${closedAfterMs} ms (request deadline ${limits.requestTimeoutMs} ms)`);
    const [row] = await rowsSince(before, 1);
    expect(row).toMatchObject({ rejected: 'timeout', response: { status: 408 } });
    expect(row!.answeredBy).toContain(`longer than ${limits.requestTimeoutMs} ms`);
    expect(row!.bodySize).toBeGreaterThan(0);
  });

  it('a head that never completes: 408 and a row; a connection that says nothing is closed without one', async () => {
    const before = lastId();
    const partial = await conversation('GET /pb?click_id=slow-head HTTP/1.1\r\nHost: x\r\n');
    expect(partial.text).toMatch(/^HTTP\/1\.1 408 /);
    const silent = await conversation('');
    expect(silent.text).toBe('');
    const rows = await rowsSince(before, 1);
    expect(rows.map((r) => [r.rejected, r.answeredBy])).toEqual([['timeout', expect.any(String)]]);
  });

  it('past the connection cap new connections are refused and counted; the held ones still work', async () => {
    const held: Socket[] = [];
    for (let i = 0; i < limits.maxConnections; i++) {
      const socket = connect(tc.receiverPort, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise((r) => socket.once('connect', r));
      held.push(socket);
    }
    try {
      const refusedBefore = tc.core.status().refusedConnections ?? 0;
      await expect(rawRequest(tc.receiverPort, 'GET /pb?click_id=over-cap HTTP/1.1\r\nHost: x\r\n\r\n', { timeoutMs: 2000 })).rejects.toThrow();
      expect(tc.core.status().refusedConnections).toBe(refusedBefore + 1);
      const answered = new Promise<string>((resolve) => held[0]!.once('data', (d: Buffer) => resolve(d.toString('latin1'))));
      held[0]!.write('GET /pb?click_id=held HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(await answered).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      for (const socket of held) socket.destroy();
      // The server counts a connection until it sees it close: wait until there is room again.
      const deadline = Date.now() + 5000;
      while ((await rawRequest(tc.receiverPort, 'GET /pb?click_id=room HTTP/1.1\r\nHost: x\r\n\r\n').catch(() => null)) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    }
  });
});

describe('headers are never dropped by count', () => {
  it('1,500 headers are all kept, the trailing signature included', async () => {
    const before = lastId();
    const many = Array.from({ length: 1499 }, (_, i) => `X-H${i}: ${i}\r\n`).join('');
    const response = await rawRequest(tc.receiverPort, `GET /pb?click_id=many HTTP/1.1\r\nHost: x\r\n${many}X-Signature: abc123\r\n\r\n`);
    expect(response.status).toBe(200);
    const [row] = await rowsSince(before, 1);
    expect(row!.rawHeaders).toHaveLength(1501);
    expect(row!.rawHeaders.at(-1)).toEqual(['X-Signature', 'abc123']);
  });
});
