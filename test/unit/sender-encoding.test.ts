import { describe, expect, it } from 'vitest';
import type { TemplateSpec } from '../../src/model/sender.js';
import { encodeFormComponent, encodePathSegment, encodeQueryComponent, isAlreadyEncoded } from '../../src/sender/encoding.js';
import { compileTemplate, expandTemplate } from '../../src/sender/expand.js';
import { ValueResolver } from '../../src/sender/values.js';

const base = (over: Partial<TemplateSpec>): TemplateSpec => ({ name: 't', method: 'POST', url: 'http://p.example/pb', headers: [], bodyMode: 'none', body: '', dialect: 'curly', ...over });
const expand = (over: Partial<TemplateSpec>, vars: Record<string, string>) => expandTemplate(compileTemplate(base(over)), new ValueResolver(vars));
const tricky = 'a b&c=d/é?#%+';

describe('encoders', () => {
  it('query: RFC 3986 unreserved kept, everything else %XX of UTF-8, space as %20', () => {
    expect(encodeQueryComponent(tricky)).toBe('a%20b%26c%3Dd%2F%C3%A9%3F%23%25%2B');
  });
  it('path segment: / ? # % encoded, sub-delims : @ kept', () => {
    expect(encodePathSegment("a b/c?d#e%f&g=h:i@j+k'")).toBe("a%20b%2Fc%3Fd%23e%25f&g=h:i@j+k'");
  });
  it('form: WHATWG urlencoded, space as +', () => {
    expect(encodeFormComponent(tricky)).toBe('a+b%26c%3Dd%2F%C3%A9%3F%23%25%2B');
    expect(encodeFormComponent('*-._~')).toBe('*-._%7E');
  });
  it('already encoded: needs an escape, no bare % and nothing that would break the slot', () => {
    expect(isAlreadyEncoded('https%3A%2F%2Fa.example%2Fpb%3Fx%3D1', 'query')).toBe(true);
    expect(isAlreadyEncoded('plain', 'query')).toBe(false);
    expect(isAlreadyEncoded('50%', 'query')).toBe(false);
    expect(isAlreadyEncoded('a%20b&c=1', 'query')).toBe(false);
    expect(isAlreadyEncoded('a%2Fb', 'path')).toBe(true);
    expect(isAlreadyEncoded('a/b%20', 'path')).toBe(false);
  });
});

describe('each macro is encoded once, for its slot', () => {
  it('query value and query name are percent-encoded', () => {
    const x = expand({ url: 'http://p.example/pb?{name}={v}' }, { name: 'sub id', v: tricky });
    expect(x.target).toBe('/pb?sub%20id=a%20b%26c%3Dd%2F%C3%A9%3F%23%25%2B');
    expect(x.macros.map((m) => [m.slot, m.encoding])).toEqual([['query-name', 'percent-encoded'], ['query-value', 'percent-encoded']]);
  });

  it('path segment is path-encoded', () => {
    const x = expand({ url: 'http://p.example/pb/{id}/done?x=1' }, { id: 'a/b c' });
    expect(x.target).toBe('/pb/a%2Fb%20c/done?x=1');
    expect(x.macros[0]!.slot).toBe('path');
  });

  it('an origin macro goes in unencoded and the structure comes from the template, not the value', () => {
    const x = expand({ url: '{base}/pb?x={v}' }, { base: 'http://127.0.0.1:9', v: '1&y=2' });
    expect(x.origin).toBe('http://127.0.0.1:9');
    expect(x.target).toBe('/pb?x=1%26y%3D2');
    expect(x.macros.map((m) => m.slot)).toEqual(['origin', 'query-value']);
  });

  it('an already-encoded nested URL is kept as is, unless asked to encode again', () => {
    const nested = 'https%3A%2F%2Faff.example%2Fpb%3Fcid%3D42';
    const kept = expand({ url: 'http://p.example/pb?cb={cb}' }, { cb: nested });
    expect(kept.target).toBe(`/pb?cb=${nested}`);
    expect(kept.macros[0]!.encoding).toBe('already-encoded');
    const again = expand({ url: 'http://p.example/pb?cb={cb}', encode: { cb: 'always' } }, { cb: nested });
    expect(again.target).toBe('/pb?cb=https%253A%252F%252Faff.example%252Fpb%253Fcid%253D42');
    const raw = expand({ url: 'http://p.example/pb?{query}', encode: { query: 'never' } }, { query: 'a=1&b=2' });
    expect(raw.target).toBe('/pb?a=1&b=2');
  });

  it('a plain nested URL is encoded once', () => {
    expect(expand({ url: 'http://p.example/pb?cb={cb}' }, { cb: 'https://aff.example/pb?cid=42&x=1' }).target).toBe('/pb?cb=https%3A%2F%2Faff.example%2Fpb%3Fcid%3D42%26x%3D1');
  });

  it('JSON body: escaped inside strings; numbers and booleans bare; other bare values quoted', () => {
    const x = expand({ bodyMode: 'json', body: '{"click":"{cid}","payout":{payout},"ok":{ok},"cur":{cur},"esc":"a\\"{cid}"}' }, { cid: 'q"\\\n', payout: '1.25', ok: 'true', cur: 'USD' });
    expect(x.body.toString()).toBe('{"click":"q\\"\\\\\\n","payout":1.25,"ok":true,"cur":"USD","esc":"a\\"q\\"\\\\\\n"}');
    expect(JSON.parse(x.body.toString())).toEqual({ click: 'q"\\\n', payout: 1.25, ok: true, cur: 'USD', esc: 'a"q"\\\n' });
    expect(x.macros.map((m) => m.encoding)).toEqual(['json-escaped', 'json-literal', 'json-literal', 'json-quoted', 'json-escaped']);
    expect(x.headers).toEqual([['Content-Type', 'application/json']]);
  });

  it('form body: names and values form-encoded (space as +)', () => {
    const x = expand({ bodyMode: 'form', body: 'click_id={cid}&{k}={v}' }, { cid: 'a b&c', k: 'n m', v: 'é' });
    expect(x.body.toString()).toBe('click_id=a+b%26c&n+m=%C3%A9');
    expect(x.headers).toEqual([['Content-Type', 'application/x-www-form-urlencoded']]);
  });

  it('raw body and header values: inserted as given (UTF-8 bytes on the wire)', () => {
    const x = expand({ bodyMode: 'raw', body: 'id={cid}', headers: [['X-Click', '{cid}']] }, { cid: 'a b/é' });
    expect(x.body.toString()).toBe('id=a b/é');
    expect(x.headers).toEqual([['X-Click', Buffer.from('a b/é').toString('latin1')]]);
  });

  it('a fragment is never sent and says so', () => {
    const x = expand({ url: 'http://p.example/pb?x=1#{frag}' }, { frag: 'a b' });
    expect(x.target).toBe('/pb?x=1');
    expect(x.notes.join()).toContain('fragment');
  });

  it('a success-rule body like <eventId>:OK is expanded raw with the same values', () => {
    const x = expand({ success: { body: { mode: 'equals', value: '{transaction_id}:OK' } } }, { transaction_id: 'tx 1' });
    expect(x.success).toEqual({ body: { mode: 'equals', value: 'tx 1:OK' } });
  });
});
