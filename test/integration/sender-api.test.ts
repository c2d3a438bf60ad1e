import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSenderRoutes } from '../../src/control/sender-routes.js';
import { CoreError } from '../../src/errors.js';
import type { BulkSummary, OutboxItem, SendPreview, SendResult, Template } from '../../src/model/sender.js';
import type { Sender } from '../../src/sender/index.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { reply, scriptedServer, senderFor, template, type ScriptedServer } from './sender-helpers.js';

let tc: TestCore;
let sender: Sender;
let app: FastifyInstance;
let base: string;
let partner: ScriptedServer;

/** The routes on a bare Fastify with the control server's error mapping (the gate is tested elsewhere). */
beforeAll(async () => {
  tc = await startCore();
  sender = await senderFor(tc);
  partner = await scriptedServer((i, _s, res) => reply(res, i === 0 ? 500 : 200, 'OK'));
  app = Fastify();
  app.setErrorHandler((error, _request, res) => {
    if (error instanceof CoreError) return res.code(error.status).send(error.toJSON());
    return res.code((error as { statusCode?: number }).statusCode ?? 500).send({ error: { message: (error as Error).message } });
  });
  registerSenderRoutes(app, sender, { deleteExchanges: (ids) => tc.core.deleteExchanges(ids) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app.close();
  await sender.close();
  await partner.close();
  await tc.close();
});

const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
  const res = await fetch(base + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
};

describe('sender API', () => {
  it('templates: create, read, list, update, delete; invalid ones named', async () => {
    const created = await call<Template>('POST', '/api/templates', template({ name: 'Keitaro', url: `${tc.core.receiverUrl}/pb?subid={subid}&status={status}` }));
    expect(created.status).toBe(201);
    expect((await call<Template>('GET', `/api/templates/${created.json.id}`)).json.name).toBe('Keitaro');
    expect((await call<Template[]>('GET', '/api/templates')).json.map((t) => t.id)).toContain(created.json.id);
    const updated = await call<Template>('PUT', `/api/templates/${created.json.id}`, { ...created.json, name: 'Keitaro 2' });
    expect(updated.json.name).toBe('Keitaro 2');
    const invalid = await call<{ error: { code: string; message: string } }>('POST', '/api/templates', { url: 'http://x/', dialect: 'weird' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.message).toContain('dialect');
    expect((await call('DELETE', `/api/templates/${created.json.id}`)).status).toBe(204);
    expect((await call('GET', `/api/templates/${created.json.id}`)).status).toBe(404);
  });

  it('imports a cURL command as a template, and saves it when asked', async () => {
    const command = `curl -X POST '${tc.core.receiverUrl}/pb?cid={click_id}' -H 'X-Key: k' --data-raw '{"e":"{event}"}' -H 'Content-Type: application/json'`;
    const imported = await call<{ template: Template; saved: Template }>('POST', '/api/templates/import-curl', { command, save: true });
    expect(imported.status).toBe(201);
    expect(imported.json.template).toMatchObject({ method: 'POST', bodyMode: 'json', dialect: 'curly', headers: [['X-Key', 'k'], ['Content-Type', 'application/json']] });
    expect(imported.json.saved.id).toBeGreaterThan(0);
  });

  it('preview, a 422 refusal naming the macro, then a send', async () => {
    const t = template({ url: `${tc.core.receiverUrl}/pb?cid={click_id}&p={payout}` });
    const preview = await call<SendPreview>('POST', '/api/send/preview', { template: t, vars: { click_id: 'a', payout: 1.5 } });
    expect(preview.json.url).toBe(`${tc.core.receiverUrl}/pb?cid=a&p=1.5`);
    const refused = await call<{ error: { code: string; problems: Array<{ token: string }> }; preview: SendPreview }>('POST', '/api/send', { template: t, vars: { click_id: 'a' } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('SEND_REFUSED');
    expect(refused.json.error.problems.map((p) => p.token)).toEqual(['{payout}']);
    const sent = await call<SendResult>('POST', '/api/send', { template: t, vars: { click_id: 'a', payout: '2' } });
    expect(sent.status).toBe(200);
    expect(sent.json.delivered).toBe(true);
    const timeline = await call<unknown[]>('GET', `/api/exchanges/${sent.json.outbox.exchangeId}/attempts`);
    expect(timeline.json).toHaveLength(1);
    expect((await call('POST', '/api/send', { templateId: 99999 })).status).toBe(404);
    expect((await call('POST', '/api/send', { template: t, retry: { kind: 'bogus' } })).status).toBe(400);
  });

  it('replays a captured exchange through the API, linked to its source', async () => {
    await fetch(`${tc.core.receiverUrl}/captured?x=1`);
    const source = tc.core.exchanges.list({ limit: 1, direction: 'in' })[0]!;
    const replayed = await call<SendResult>('POST', `/api/exchanges/${source.id}/replay`, {});
    expect(replayed.json.delivered).toBe(true);
    expect(replayed.json.outbox.sourceExchangeId).toBe(source.id);
    expect((await call('POST', '/api/exchanges/999999/replay', {})).status).toBe(404);
  });

  it('outbox: list by state, retry now, cancel', async () => {
    const sent = await call<SendResult>('POST', '/api/send', { template: template({ url: `${partner.url}/pb`, retry: { kind: 'schedule', delaysMs: [600_000] } }) });
    expect(sent.json.outbox.state).toBe('pending');
    const pending = await call<{ items: OutboxItem[] }>('GET', '/api/outbox?state=pending');
    expect(pending.json.items.map((i) => i.id)).toContain(sent.json.outbox.id);
    expect((await call<OutboxItem>('POST', `/api/outbox/${sent.json.outbox.id}/retry`)).status).toBe(200);
    const item = await sender.waitFor(sent.json.outbox.id, 5000);
    expect(item.state).toBe('delivered');
    const cancel = await call<{ error: { message: string } }>('POST', `/api/outbox/${sent.json.outbox.id}/cancel`);
    expect(cancel.status).toBe(400);
    expect(cancel.json.error.message).toContain('delivered');
    expect((await call('GET', '/api/outbox?state=nope')).status).toBe(400);
  });

  it('bulk: 202 with progress, then the summary; sender events stream the progress', async () => {
    const events: string[] = [];
    const stream = await fetch(`${base}/api/sender/events`);
    const reader = stream.body!.getReader();
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        events.push(decoder.decode(value));
        if (events.join('').includes('"bulk-done"')) break;
      }
    })();
    const started = await call<{ bulkId: string }>('POST', '/api/bulk', { template: template({ url: `${tc.core.receiverUrl}/bulk?n={n}` }), count: 25, concurrency: 5, generators: { n: { kind: 'sequence' } } });
    expect(started.status).toBe(202);
    await reading;
    await reader.cancel();
    const summary = await call<BulkSummary>('GET', `/api/bulk/${started.json.bulkId}`);
    expect(summary.json).toMatchObject({ total: 25, delivered: 25, deliveryRate: 1, done: true });
    expect(summary.json.latencyMs?.p99).toBeGreaterThan(0);
    expect(events.join('')).toContain('"type":"bulk-done"');
    expect((await call('POST', '/api/bulk', { template: template({ url: 'http://x/' }), count: 0 })).status).toBe(400);
  });
});
