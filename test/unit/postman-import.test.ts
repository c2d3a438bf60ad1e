import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formBoundary } from '../../src/interop/postman/postman-body.js';
import { PostmanError } from '../../src/interop/postman/postman-check.js';
import { planPostmanImport } from '../../src/interop/postman/postman-import.js';

const fixture = (): Record<string, unknown> => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'postman', 'partner-postbacks.postman_collection.json'), 'utf8')) as Record<string, unknown>;

function refusal(input: unknown): PostmanError {
  try {
    planPostmanImport(input);
  } catch (error) {
    if (error instanceof PostmanError) return error;
    throw error;
  }
  throw new Error('the collection was accepted');
}

describe('Postman Collection v2.1 → Composer templates', () => {
  const plan = planPostmanImport(fixture());
  const byName = new Map(plan.templates.map((t) => [t.name, t]));

  it('one template per request, named by its folder path, in collection order', () => {
    expect(plan.collection).toBe('Partner postbacks');
    expect(plan.templates.map((t) => t.name)).toEqual([
      'AppsFlyer / Install',
      'AppsFlyer / Purchase',
      'Keitaro / Retries / Conversion (form)',
      'Keitaro / Basic health',
      'Offerwall upload',
      'Signed callback',
    ]);
  });

  it('a url object: built from its parts, disabled query parameters left out, variables kept; headers in order without disabled ones; the collection bearer inherited', () => {
    expect(byName.get('AppsFlyer / Install')).toMatchObject({
      method: 'GET',
      url: '{{baseUrl}}/pb?click_id={{click_id}}&event=install&payout=1.50',
      headers: [
        ['Accept', '*/*'],
        ['X-Partner', '{{partner}}'],
        ['Authorization', 'Bearer {{token}}'],
      ],
      bodyMode: 'none',
      body: '',
      dialect: 'double-curly',
    });
  });

  it('a raw JSON body byte for byte; a :path variable filled from url.variable', () => {
    const purchase = byName.get('AppsFlyer / Purchase')!;
    expect(purchase.url).toBe('https://partner.example/v1/events/id123456789?ts={{ts}}');
    expect(purchase.bodyMode).toBe('json');
    expect(purchase.body).toBe('{\n  "click_id": "{{click_id}}",\n  "event": "purchase",\n  "revenue": 4.99,\n  "currency": "USD"\n}');
    expect(purchase.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Request-Id', '{{$guid}}'],
      ['Authorization', 'Bearer {{token}}'],
    ]);
  });

  it('an urlencoded body: enabled fields, literal text percent-encoded, variables whole; a folder API key goes in the query', () => {
    expect(byName.get('Keitaro / Retries / Conversion (form)')).toMatchObject({
      method: 'POST',
      url: 'http://tracker.example/postback?api_key=k-777',
      bodyMode: 'form',
      body: 'subid={{click_id}}&status=sale&note=first%20try%20%26%20more',
      headers: [],
    });
  });

  it('its own basic auth (over the folder API key) becomes its exact header; a URL typed without a scheme goes over http as Postman sends it', () => {
    expect(byName.get('Keitaro / Basic health')).toMatchObject({ url: 'http://tracker.example/health', headers: [['Authorization', `Basic ${Buffer.from('qa:s3cret').toString('base64')}`]] });
  });

  it('form-data: text fields as multipart with a fixed boundary, the file field left out with a warning; noauth stops inheritance', () => {
    const upload = byName.get('Offerwall upload')!;
    expect(upload.headers).toEqual([['Content-Type', `multipart/form-data; boundary=${formBoundary}`]]);
    expect(upload.body).toBe(`--${formBoundary}\r\nContent-Disposition: form-data; name="user_id"\r\n\r\nu-1\r\n--${formBoundary}--\r\n`);
  });

  it('what a template cannot hold is a warning on its item: scripts, file fields, computed auth', () => {
    expect(plan.warnings.map((w) => [w.path, w.item, w.message.split(':')[0]])).toEqual([
      ['$.item[0].item[1]', 'AppsFlyer / Purchase', 'its pre-request script is not run'],
      ['$.item[2]', 'Offerwall upload', 'form-data field "receipt" is a file'],
      ['$.item[3]', 'Signed callback', 'oauth1 auth is computed per request by Postman and is not imported'],
    ]);
  });

  it('variables: declared ones with their values, used-only ones listed too, with how many templates use each', () => {
    expect(plan.variables).toEqual([
      { name: 'baseUrl', value: 'http://127.0.0.1:4100', declared: true, usedBy: 1 },
      { name: 'token', value: 't0k3n', declared: true, usedBy: 2 },
      { name: 'partner', value: 'acme', declared: true, usedBy: 1 },
      { name: 'click_id', value: null, declared: false, usedBy: 3 },
      { name: 'ts', value: null, declared: false, usedBy: 1 },
      { name: '$guid', value: null, declared: false, usedBy: 1 },
    ]);
  });

  it('a secret collection variable is listed without its value', () => {
    const collection = { info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'r', request: 'https://h/pb?k={{apiKey}}' }], variable: [{ key: 'apiKey', value: 'sk_live_1', type: 'secret' }] };
    expect(planPostmanImport(collection).variables).toEqual([{ name: 'apiKey', value: null, declared: true, usedBy: 1 }]);
  });

  it('a GET body is left out as Postman prunes it, unless disableBodyPruning', () => {
    const collection = { info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'g', request: { method: 'GET', url: 'http://h/x', body: { mode: 'raw', raw: 'hi' } } }, { name: 'k', protocolProfileBehavior: { disableBodyPruning: true }, request: { method: 'GET', url: 'http://h/x', body: { mode: 'raw', raw: 'hi' } } }] };
    const planned = planPostmanImport(collection);
    expect(planned.templates.map((t) => [t.bodyMode, t.body, t.headers])).toEqual([
      ['none', '', []],
      ['raw', 'hi', [['Content-Type', 'text/plain']]],
    ]);
    expect(planned.warnings).toHaveLength(1);
  });
});

describe('a malformed collection is refused whole with the JSON path of the first problem', () => {
  it('names the first wrong field, deep in nested folders', () => {
    const bad = fixture();
    const keitaro = (bad['item'] as Array<{ item: Array<{ item: Array<{ request: { body: { mode: string } } }> }> }>)[1]!;
    keitaro.item[0]!.item[0]!.request.body.mode = 'binary';
    const error = refusal(bad);
    expect(error.path).toBe('$.item[1].item[0].item[0].request.body.mode');
    expect(error.message).toContain('must be one of raw, urlencoded, formdata, file, graphql');
  });

  it('a header with a line break, a method that is not a token, an item that is neither request nor folder', () => {
    const withHeader = fixture();
    ((withHeader['item'] as Array<{ item: Array<{ request: { header: Array<{ value: string }> } }> }>)[0]!.item[0]!.request.header[2]!).value = 'a\r\nX-Injected: 1';
    expect(refusal(withHeader).path).toBe('$.item[0].item[0].request.header[2].value');
    const method = fixture();
    ((method['item'] as Array<{ request?: { method: string } }>)[2]!.request!).method = 'PO ST';
    expect(refusal(method).path).toBe('$.item[2].request.method');
    const neither = fixture();
    (neither['item'] as unknown[]).push({ name: 'empty' });
    expect(refusal(neither).message).toBe('$.item[4]: is neither a request (no "request") nor a folder (no "item")');
  });

  it('not a v2.1 collection: a v1 export, a foreign schema, no info', () => {
    expect(refusal({ id: 'x', name: 'old', requests: [], order: [] }).message).toContain('Postman v1 collection');
    expect(refusal({ info: { name: 'x', schema: 'https://json-schema.org/draft-07/schema' }, item: [] }).path).toBe('$.info.schema');
    expect(refusal({ item: [] }).path).toBe('$.info');
    expect(refusal([]).path).toBe('$');
  });
});
