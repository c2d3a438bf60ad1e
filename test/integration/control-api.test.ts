import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlEvent, ExchangePage } from '../../src/index.js';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

/** node:http lets a test set Host and Origin freely, as an attacker's browser or a rebinding page would. */
function controlGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: tc.controlPort, path, headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const postback = (query: string): Promise<Response> => fetch(`${tc.core.receiverUrl}/pb?${query}`);

describe('auth gate', () => {
  const host = (): string => `127.0.0.1:${tc.controlPort}`;
  const bearer = (): string => `Bearer ${tc.core.token}`;

  it('rejects a missing or wrong token with 401', async () => {
    expect(await controlGet('/api/exchanges', { Host: host() })).toBe(401);
    expect(await controlGet('/api/exchanges', { Host: host(), Authorization: 'Bearer nope' })).toBe(401);
    expect(await controlGet('/api/status', { Host: host(), Authorization: bearer() })).toBe(200);
  });

  it('cannot be bypassed by spelling /api differently', async () => {
    for (const path of ['/%61pi/status', '/%61pi/exchanges', '/api%2Fstatus', '//api/status', '/./api/status', '/assets/../api/status']) {
      expect([401, 404]).toContain(await controlGet(path, { Host: host() }));
    }
    expect(await controlGet('/%61pi/status', { Host: host() })).toBe(401);
  });

  it('rejects a foreign Origin with 403, even with the token', async () => {
    expect(await controlGet('/api/exchanges', { Host: host(), Authorization: bearer(), Origin: 'https://evil.example' })).toBe(403);
    expect(await controlGet('/api/exchanges', { Host: host(), Authorization: bearer(), Origin: `http://127.0.0.1:${tc.controlPort + 1}` })).toBe(403);
    expect(await controlGet('/api/exchanges', { Host: host(), Authorization: bearer(), Origin: `http://localhost:${tc.controlPort}` })).toBe(200);
    expect(await controlGet('/api/exchanges', { Host: host(), Authorization: bearer(), 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
  });

  it('rejects a non-loopback Host (DNS rebinding) with 403, for the UI too', async () => {
    expect(await controlGet('/api/exchanges', { Host: `evil.example:${tc.controlPort}`, Authorization: bearer() })).toBe(403);
    expect(await controlGet('/', { Host: `attacker.test:${tc.controlPort}` })).toBe(403);
    expect(await controlGet('/', { Host: `localhost:${tc.controlPort}` })).toBe(200);
  });

  it('does not send CORS headers', async () => {
    const res = await tc.api('/api/status', { headers: { Origin: `http://127.0.0.1:${tc.controlPort}` } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('exchanges API', () => {
  it('lists newest first with keyset pagination and filters', async () => {
    await tc.api('/api/exchanges', { method: 'DELETE' });
    for (let i = 0; i < 7; i++) await postback(`click_id=page-${i}&event=${i % 2 ? 'install' : 'purchase'}`);
    const first = (await (await tc.api('/api/exchanges?limit=3')).json()) as ExchangePage;
    expect(first.items.map((i) => i.keyParams[0]?.value)).toEqual(['page-6', 'page-5', 'page-4']);
    expect(first.next).not.toBeNull();
    const second = (await (await tc.api(`/api/exchanges?limit=3&before=${first.next}`)).json()) as ExchangePage;
    expect(second.items.map((i) => i.keyParams[0]?.value)).toEqual(['page-3', 'page-2', 'page-1']);
    const last = (await (await tc.api(`/api/exchanges?limit=3&before=${second.next}`)).json()) as ExchangePage;
    expect(last.items).toHaveLength(1);
    expect(last.next).toBeNull();
    await tc.core.derived.settle();
    const installs = (await (await tc.api('/api/exchanges?param.event=install')).json()) as ExchangePage;
    expect(installs.items).toHaveLength(3);
    const bogus = await tc.api('/api/exchanges/abc');
    expect(bogus.status).toBe(400);
    expect((await tc.api('/api/exchanges/999999')).status).toBe(404);
  });

  it('wait returns a postback that arrives later, an existing one at once, and 408 on timeout', async () => {
    const waiting = tc.api('/api/exchanges/wait?param.click_id=later-1&timeout=5000');
    await new Promise((r) => setTimeout(r, 100));
    await postback('click_id=other');
    await postback('click_id=later-1&event=install');
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe('/pb?click_id=later-1&event=install');

    const existing = await tc.api('/api/exchanges/wait?param.click_id=later-1&timeout=50');
    expect(existing.status).toBe(200);
    const excluded = await tc.api(`/api/exchanges/wait?param.click_id=later-1&timeout=50&since=${Date.now() + 1000}`);
    expect(excluded.status).toBe(408);
    const none = await tc.api('/api/exchanges/wait?param.click_id=never&timeout=100');
    expect(none.status).toBe(408);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('WAIT_TIMEOUT');
  });

  it('deletes one exchange and clears all', async () => {
    await postback('click_id=doomed');
    const page = (await (await tc.api('/api/exchanges?limit=1')).json()) as ExchangePage;
    const id = page.items[0]!.id;
    expect((await tc.api(`/api/exchanges/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await tc.api(`/api/exchanges/${id}`)).status).toBe(404);
    expect((await tc.api('/api/exchanges', { method: 'DELETE' })).status).toBe(204);
    expect(((await (await tc.api('/api/exchanges')).json()) as ExchangePage).items).toHaveLength(0);
  });

  it('streams new exchanges over Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await tc.api('/api/events', { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    await postback('click_id=sse-1');
    let buffer = '';
    const events: ControlEvent[] = [];
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && !events.some((e) => e.type === 'exchanges')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let split: number;
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as ControlEvent);
      }
    }
    controller.abort();
    const batch = events.find((e) => e.type === 'exchanges');
    expect(batch && batch.type === 'exchanges' && batch.items[0]?.url).toBe('/pb?click_id=sse-1');
    expect(events.some((e) => e.type === 'status')).toBe(true);
  });

  it('describes itself as OpenAPI', async () => {
    const doc = (await (await tc.api('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/exchanges', '/api/exchanges/wait', '/api/exchanges/{id}', '/api/events']));
  });

  it('never puts the token in the status it reports', async () => {
    const text = await (await tc.api('/api/status')).text();
    expect(text).not.toContain(tc.core.token);
  });
});
