/**
 * Issue 13: Composer environments (named variables, secret ones sealed) through the control API,
 * used by preview, send and bulk alike; saved Inbox views; a sent exchange's destination.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, SavedView } from '../../src/model/environment.js';
import type { ExchangeDetail } from '../../src/model/exchange.js';
import type { BulkSummary, SendPreview, SendResult } from '../../src/model/sender.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { reply, scriptedServer, template, type ScriptedServer } from './sender-helpers.js';

let tc: TestCore;
let partner: ScriptedServer;
const SECRET = 'sk_live_0123456789abcdef';

beforeAll(async () => {
  tc = await startCore();
  partner = await scriptedServer((_n, _seen, res) => reply(res, 200, 'OK'));
});

afterAll(async () => {
  await partner.close();
  await tc.close();
});

async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await tc.api(path, { method, ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

describe('environments API', () => {
  let staging: Environment;

  it('creates an environment; a secret comes back masked and is sealed in the database file', async () => {
    const created = await call<Environment>('POST', '/api/environments', {
      name: 'Staging',
      variables: [
        { name: 'base_url', value: partner.url },
        { name: 'api_key', value: SECRET, secret: true },
      ],
    });
    expect(created.status).toBe(201);
    staging = created.json;
    expect(staging.variables).toEqual([
      { name: 'base_url', value: partner.url, secret: false },
      { name: 'api_key', value: null, secret: true, masked: '••••cdef' },
    ]);
    const listed = await tc.api('/api/environments');
    expect(await listed.text()).not.toContain(SECRET);
    const file = new Database(tc.core.dbFile, { readonly: true });
    const raw = file.prepare('SELECT variables FROM environments WHERE id = ?').pluck().get(staging.id) as string;
    file.close();
    expect(raw).not.toContain(SECRET);
    expect((JSON.parse(raw) as Array<{ value: string }>)[1]!.value).toMatch(/^enc:v1:/);
  });

  it('refuses invalid environments with field errors', async () => {
    const bad = await call<{ error: { code: string; fields: Array<{ field: string; message: string }> } }>('POST', '/api/environments', {
      name: ' ',
      variables: [{ name: '1x', value: 'a' }, { name: 'ok', value: 'b' }, { name: 'ok', value: 'c' }, { name: 'plain' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('INVALID_ENVIRONMENT');
    expect(bad.json.error.fields.map((f) => f.field)).toEqual(['name', 'variables[0].name', 'variables[2].name', 'variables[3].value']);
    const dup = await call<{ error: { fields: Array<{ field: string }> } }>('POST', '/api/environments', { name: 'staging', variables: [] });
    expect(dup.json.error.fields).toEqual([{ field: 'name', message: '"staging" is already an environment' }]);
    const newSecret = await call<{ error: { fields: Array<{ field: string }> } }>('PUT', `/api/environments/${staging.id}`, { name: 'Staging', variables: [{ name: 'other', secret: true }] });
    expect(newSecret.json.error.fields.map((f) => f.field)).toEqual(['variables[0].value']);
  });

  it('keeps a secret saved without its value (the UI never holds it)', async () => {
    const updated = await call<Environment>('PUT', `/api/environments/${staging.id}`, {
      name: 'Staging',
      variables: [{ name: 'base_url', value: partner.url }, { name: 'api_key', secret: true }, { name: 'event', value: 'install' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.json.variables[1]).toEqual({ name: 'api_key', value: null, secret: true, masked: '••••cdef' });
    expect(tc.core.environments.resolve(staging.id)!.values.get('api_key')).toBe(SECRET);
  });

  it('sends with the environment: values in the URL, a header and the body; previews mask the secret', async () => {
    const spec = template({
      url: '{{base_url}}/pb?click_id={click_id}&event={{event}}',
      headers: [['X-Api-Key', '{{api_key}}']],
      method: 'POST',
      bodyMode: 'json',
      body: '{"key":"{{api_key}}","id":"{click_id}"}',
    });
    const preview = await call<SendPreview>('POST', '/api/send/preview', { template: spec, vars: { click_id: 'e-1' }, environmentId: staging.id });
    expect(preview.status).toBe(200);
    expect(preview.json.problems).toEqual([]);
    expect(preview.json.url).toBe(`${partner.url}/pb?click_id=e-1&event=install`);
    expect(JSON.stringify(preview.json)).not.toContain(SECRET);
    expect(preview.json.rawHeaders).toContainEqual(['X-Api-Key', '••••cdef']);

    const sent = await call<SendResult>('POST', '/api/send', { template: spec, vars: { click_id: 'e-1' }, environmentId: staging.id });
    expect(sent.status).toBe(200);
    expect(sent.json.delivered).toBe(true);
    expect(JSON.stringify(sent.json)).not.toContain(SECRET);
    const got = partner.seen[partner.seen.length - 1]!;
    expect(got.url).toBe('/pb?click_id=e-1&event=install');
    expect(got.rawHeaders).toContain(SECRET);
    expect(got.body.toString()).toBe(`{"key":"${SECRET}","id":"e-1"}`);

    // The Inbox's detail of the sent request names the partner, not our receiver.
    const detail = await call<ExchangeDetail>('GET', `/api/exchanges/${sent.json.outbox.exchangeId}`);
    expect(detail.json.direction).toBe('out');
    expect(detail.json.destination).toBe(partner.url);
  });

  it('refuses an unknown {{var}} by name and sends nothing', async () => {
    const before = partner.seen.length;
    const refused = await call<{ error: { code: string; problems: Array<{ code: string; token: string; message: string }> } }>('POST', '/api/send', {
      template: template({ url: '{{base_url}}/pb?c={{campaign}}' }),
      environmentId: staging.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('SEND_REFUSED');
    expect(refused.json.error.problems).toEqual([
      { code: 'unknown-variable', token: '{{campaign}}', message: 'Unknown variable {{campaign}} in the URL: the environment "Staging" has no variable "campaign"' },
    ]);
    expect(partner.seen.length).toBe(before);
    const missing = await call('POST', '/api/send', { template: template({ url: '{{base_url}}/pb' }), environmentId: 999 });
    expect(missing.status).toBe(404);
  });

  it('bulk runs take the environment too', async () => {
    const before = partner.seen.length;
    const started = await call<{ bulkId: string }>('POST', '/api/bulk', { template: template({ url: '{{base_url}}/bulk?n={n}&e={{event}}' }), environmentId: staging.id, count: 3, generators: { n: { kind: 'sequence' } } });
    expect(started.status).toBe(202);
    let summary: BulkSummary | null = null;
    for (let i = 0; i < 100 && !summary; i++) {
      const got = await call<BulkSummary & { done: boolean }>('GET', `/api/bulk/${started.json.bulkId}`);
      if (got.json.done && 'deliveryRate' in got.json) summary = got.json;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(summary?.delivered).toBe(3);
    expect(partner.seen.slice(before).map((s) => s.url).sort()).toEqual(['/bulk?n=1&e=install', '/bulk?n=2&e=install', '/bulk?n=3&e=install']);
    const refused = await call<{ error: { problems: Array<{ code: string }> } }>('POST', '/api/bulk', { template: template({ url: '{{base_url}}/b?x={{nope}}' }), environmentId: staging.id, count: 2 });
    expect(refused.status).toBe(422);
    expect(refused.json.error.problems.map((p) => p.code)).toEqual(['unknown-variable']);
  });

  it('remembers the active environment; deleting it forgets it', async () => {
    expect((await call('GET', '/api/environments/active')).json).toEqual({ environmentId: null });
    expect((await call('PUT', '/api/environments/active', { environmentId: staging.id })).json).toEqual({ environmentId: staging.id });
    expect((await call('GET', '/api/environments/active')).json).toEqual({ environmentId: staging.id });
    expect((await call('PUT', '/api/environments/active', { environmentId: 424242 })).status).toBe(404);
    expect((await call('DELETE', `/api/environments/${staging.id}`)).status).toBe(204);
    expect((await call('GET', '/api/environments/active')).json).toEqual({ environmentId: null });
    expect((await call('GET', `/api/environments/${staging.id}`)).status).toBe(404);
  });
});

describe('saved views API', () => {
  it('saves, renames, refilters and deletes a view; a filter that does not parse is a field error', async () => {
    const created = await call<SavedView>('POST', '/api/saved-views', { name: 'Failed AppsFlyer', filter: 'verdict:fail header.user-agent*=AppsFlyer', columns: ['time', 'path', 'verdict'] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Failed AppsFlyer', filter: 'verdict:fail header.user-agent*=AppsFlyer', columns: ['time', 'path', 'verdict'] });
    const bad = await call<{ error: { code: string; fields: Array<{ field: string; message: string }> } }>('POST', '/api/saved-views', { name: 'failed appsflyer', filter: 'param.payout>>1' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('INVALID_SAVED_VIEW');
    expect(bad.json.error.fields.map((f) => f.field)).toEqual(['name', 'filter']);
    expect(bad.json.error.fields[1]!.message).toMatch(/^column 14: /);
    const renamed = await call<SavedView>('PUT', `/api/saved-views/${created.json.id}`, { name: 'AF failures' });
    expect(renamed.json).toMatchObject({ name: 'AF failures', filter: 'verdict:fail header.user-agent*=AppsFlyer' });
    expect((await call<SavedView[]>('GET', '/api/saved-views')).json.map((v) => v.name)).toEqual(['AF failures']);
    expect((await call('DELETE', `/api/saved-views/${created.json.id}`)).status).toBe(204);
    expect((await call<SavedView[]>('GET', '/api/saved-views')).json).toEqual([]);
    expect((await call('DELETE', `/api/saved-views/${created.json.id}`)).status).toBe(404);
  });
});
