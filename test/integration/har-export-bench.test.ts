/**
 * Bench-style check (printed, not asserted on time): exporting 10,000 exchanges streams page by
 * page. Prints the wall time, the bytes and the peak heap growth seen while the response streams,
 * with the server in this same process, so the heap figure covers both ends.
 */
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Har } from '../../src/interop/har/har-types.js';
import type { ExchangeRecord } from '../../src/store/exchange-record.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';
import { schemaErrors } from '../helpers/har.js';

const total = 10_000;
let tc: TestCore;

beforeAll(async () => {
  tc = await startCore();
  const now = Date.now();
  const batch: ExchangeRecord[] = [];
  for (let i = 0; i < total; i++) {
    const body = Buffer.from(JSON.stringify({ click_id: `c-${i}`, event: 'purchase', payout: '1.50', note: 'x'.repeat(200) }));
    batch.push({
      direction: i % 10 === 0 ? 'out' : 'in', method: 'POST', target: `/pb?click_id=c-${i}&event=purchase`, path: '/pb', httpVersion: '1.1',
      rawHeaders: [['Host', '127.0.0.1:4100'], ['Content-Type', 'application/json'], ['Content-Length', String(body.length)], ['X-Signature', 'a'.repeat(64)]],
      contentType: 'application/json', body, bodySize: body.length, remoteAddress: '127.0.0.1', remotePort: 50000, receivedAt: now - total + i, durationMs: 0.4,
      rejected: null, response: { status: 200, rawHeaders: [['Content-Type', 'text/plain']], body: Buffer.from('OK') }, answeredBy: 'bench', endpointId: null, correlation: null,
    });
  }
  // Straight into the log on the test's own connection: the export is measured, not the capture path.
  const log = new ExchangesRepository(openLog(tc.core));
  for (let i = 0; i < total; i += 1000) log.insertMany(batch.slice(i, i + 1000));
}, 120_000);
afterAll(async () => tc.close());

it('exports 10,000 exchanges as a stream (prints time and peak heap)', async () => {
  const file = join(tc.dataDir, 'bench.har');
  global.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let bytes = 0;
  const started = performance.now();
  const response = await tc.api('/api/exchanges.har');
  expect(response.status).toBe(200);
  const out = createWriteStream(file);
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (!out.write(value)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const ms = performance.now() - started;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(`[bench] HAR export of ${total} exchanges: ${ms.toFixed(0)} ms, ${mb(bytes)} MiB written; heap ${mb(baseHeap)} → peak ${mb(peakHeap)} MiB (growth ${mb(peakHeap - baseHeap)} MiB)`);

  const har = JSON.parse(readFileSync(file, 'utf8')) as Har;
  expect(har.log.entries).toHaveLength(total);
  expect(har.log.entries[0]!.request._raw!.target).toBe('/pb?click_id=c-0&event=purchase');
  expect(schemaErrors(har)).toEqual([]);
  rmSync(file);
}, 120_000);
