/**
 * A JSON click id longer than a double's 15–17 digits must be the same digits everywhere it is
 * read: the params index, endpoint correlation and the verdict's checks (all via decodeCapture).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/model/endpoint.js';
import type { ExchangeDetail, ExchangePage } from '../../src/model/exchange.js';
import type { Profile } from '../../src/model/profile.js';
import type { ExchangeVerdict } from '../../src/model/verdict.js';
import { startCore, type TestCore } from '../helpers/core.js';

const BIG = '12345678901234567890';
const body = `{"click_id":${BIG},"event":"install"}`;
let tc: TestCore;

const post = (path: string, payload: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });

async function created<T>(res: Response): Promise<T> {
  const json = (await res.json()) as T;
  if (res.status !== 201 && res.status !== 200) throw new Error(`create failed (${res.status}): ${JSON.stringify(json)}`);
  return json;
}

async function capture(path: string): Promise<number> {
  const res = await fetch(tc.core.receiverUrl + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(res.status).toBeLessThan(500);
  return tc.core.exchanges.maxId();
}

beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => {
  await tc.close();
});

describe('a 20-digit JSON click_id is never rounded', () => {
  it('is found in the params index by its exact digits', async () => {
    const id = await capture('/plain');
    await tc.core.derived.settle();
    const page = (await (await tc.api(`/api/exchanges?param.click_id=${BIG}`)).json()) as ExchangePage;
    expect(page.items.map((i) => i.id)).toEqual([id]);
    // JSON.parse would have stored 12345678901234567000.
    const rounded = (await (await tc.api(`/api/exchanges?param.click_id=${String(Number(BIG))}`)).json()) as ExchangePage;
    expect(rounded.items).toEqual([]);
  });

  it('correlates by its exact digits on an endpoint keyed by click_id', async () => {
    const endpoint = await created<Endpoint>(await tc.api('/api/endpoints', post('/api/endpoints', { name: 'big-ids', path: '/big', correlationKeys: ['click_id'] })));
    const first = await capture('/big');
    const second = await capture('/big');
    const detail = (await (await tc.api(`/api/exchanges/${second}`)).json()) as ExchangeDetail;
    expect(detail.endpointId).toBe(endpoint.id);
    expect(detail.correlation).toBe(`click_id=${BIG}`);
    expect(detail.duplicate).toBe(true);
    const firstDetail = (await (await tc.api(`/api/exchanges/${first}`)).json()) as ExchangeDetail;
    expect(firstDetail.correlation).toBe(`click_id=${BIG}`);
    tc.core.endpoints.delete(endpoint.id);
  });

  it('shows in the verdict checks unrounded', async () => {
    const profile = await created<Profile>(
      await tc.api('/api/profiles', post('/api/profiles', { name: 'big ids', params: [{ name: 'click_id', presence: 'required', pattern: '^\\d{20}$' }] })),
    );
    const endpoint = await created<Endpoint>(await tc.api('/api/endpoints', post('/api/endpoints', { name: 'checked', path: '/checked', profileId: profile.id })));
    const id = await capture('/checked');
    await tc.core.derived.settle();
    const verdict = (await (await tc.api(`/api/exchanges/${id}/verdict`)).json()) as ExchangeVerdict;
    expect(verdict.params).toEqual([expect.objectContaining({ name: 'click_id', value: BIG, source: 'json', status: 'pass' })]);
    tc.core.endpoints.delete(endpoint.id);
  });
});
