/** `body?decoded=1` never hands back compressed bytes under a 200: past the cap it says why. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore({ limits: { maxDecodedBytes: 4096 } });
});
afterAll(async () => tc.close());

describe('GET /api/exchanges/:id/body?decoded=1', () => {
  it('decodes within the cap; past it answers 422 DECODE_FAILED with X-Decode-Error, and the raw bytes stay at /body', async () => {
    const small = gzipSync(Buffer.from('{"click_id":"ok"}'));
    const big = gzipSync(Buffer.alloc(64 * 1024, 'a'));
    for (const body of [small, big]) {
      await fetch(`${tc.core.receiverUrl}/pb`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } });
    }
    const [bigRow, smallRow] = tc.core.exchanges.list({ limit: 2 });
    const decodedSmall = await tc.api(`/api/exchanges/${smallRow!.id}/body?decoded=1`);
    expect(decodedSmall.status).toBe(200);
    expect(await decodedSmall.text()).toBe('{"click_id":"ok"}');

    const decodedBig = await tc.api(`/api/exchanges/${bigRow!.id}/body?decoded=1`);
    expect(decodedBig.status).toBe(422);
    expect(decodedBig.headers.get('x-decode-error')).toMatch(/4096|limit|cap/i);
    expect(((await decodedBig.json()) as { error: { code: string } }).error.code).toBe('DECODE_FAILED');
    const raw = Buffer.from(await (await tc.api(`/api/exchanges/${bigRow!.id}/body`)).arrayBuffer());
    expect(raw.equals(big)).toBe(true);
  });
});
