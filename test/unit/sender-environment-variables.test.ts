import { describe, expect, it } from 'vitest';
import type { TemplateSpec } from '../../src/model/sender.js';
import { compileTemplate, expandTemplate } from '../../src/sender/expand.js';
import { ValueResolver } from '../../src/sender/values.js';

const spec = (over: Partial<TemplateSpec>): TemplateSpec => ({ name: 't', method: 'GET', url: 'http://p.example/pb', headers: [], bodyMode: 'none', body: '', dialect: 'curly', ...over });
const env = (values: Record<string, string>) => ({ name: 'Staging', values: new Map(Object.entries(values)) });
const expand = (s: TemplateSpec, e: ReturnType<typeof env> | null, vars: Record<string, string> = {}) => expandTemplate(compileTemplate(s, e), new ValueResolver(vars));

describe('environment variables in templates', () => {
  it('replaces {{name}} in the URL, headers and body as written, before macros are read', () => {
    const out = expand(
      spec({ url: '{{base_url}}/pb?click_id={click_id}&key={{ api_key }}', headers: [['Authorization', 'Bearer {{token}}']], bodyMode: 'json', body: '{"site":"{{site}}","id":"{click_id}"}' }),
      env({ base_url: 'https://partner.example:8443', api_key: 'k1', token: 'tok', site: 'main' }),
      { click_id: 'c 1' },
    );
    expect(out.problems).toEqual([]);
    // The environment's value goes in unencoded (it is part of the template); the macro is encoded for its slot.
    expect(out.url).toBe('https://partner.example:8443/pb?click_id=c%201&key=k1');
    expect(out.origin).toBe('https://partner.example:8443');
    expect(out.headers).toContainEqual(['Authorization', 'Bearer tok']);
    expect(out.body.toString()).toBe('{"site":"main","id":"c 1"}');
  });

  it('reads the URL structure with the values in place: a macro after {{base_url}} is a path or query slot, not an origin', () => {
    const out = expand(spec({ url: '{{base_url}}/p/{path}?x={x}' }), env({ base_url: 'http://h.example' }), { path: 'a b', x: 'é' });
    expect(out.macros.map((m) => m.slot)).toEqual(['path', 'query-value']);
    expect(out.url).toBe('http://h.example/p/a%20b?x=%C3%A9');
  });

  it('refuses an unknown {{var}} by name, once, and never sends it as is', () => {
    const out = expand(spec({ url: 'http://p.example/pb?a={{missing}}&b={{missing}}', headers: [['X-Key', '{{other}}']] }), env({ base_url: 'x' }));
    expect(out.problems.map((p) => [p.code, p.token])).toEqual([
      ['unknown-variable', '{{missing}}'],
      ['unknown-variable', '{{other}}'],
    ]);
    expect(out.problems[0]!.message).toBe('Unknown variable {{missing}} in the URL: the environment "Staging" has no variable "missing"');
    expect(out.problems[1]!.message).toContain('in the X-Key header');
  });

  it('says no environment is selected when there is none', () => {
    const out = expand(spec({ url: '{{base_url}}/pb' }), null);
    expect(out.problems[0]).toMatchObject({ code: 'unknown-variable', token: '{{base_url}}' });
    expect(out.problems[0]!.message).toContain('no environment is selected');
    expect(out.problems.some((p) => p.code === 'unreplaced-macro')).toBe(false);
  });

  it('in the double-curly dialect, a name the environment lacks stays a macro (filled from the values)', () => {
    const out = expand(spec({ dialect: 'double-curly', url: '{{base_url}}/pb?click_id={{click_id}}' }), env({ base_url: 'http://h.example' }), { click_id: 'abc' });
    expect(out.problems).toEqual([]);
    expect(out.url).toBe('http://h.example/pb?click_id=abc');
    const unknown = expand(spec({ dialect: 'double-curly', url: 'http://h.example/pb?c={{nope}}' }), env({}));
    expect(unknown.problems.map((p) => p.code)).toEqual(['unknown-macro']);
  });

  it('leaves templates without {{ untouched', () => {
    const s = spec({ url: 'http://p.example/pb?click_id={click_id}' });
    expect(expand(s, env({ click_id: 'from-env' }), { click_id: 'v' }).url).toBe('http://p.example/pb?click_id=v');
  });
});
