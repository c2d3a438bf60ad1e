import { describe, expect, it } from 'vitest';
import { alwaysOnChecks } from '../../src/checks/always-on.js';
import { DEFAULT_AMOUNT_NAMES } from '../../src/checks/amounts.js';
import { findMacros } from '../../src/checks/macros.js';
import { extractFields } from '../../src/checks/postback-fields.js';
import type { ProfileMacroDialect } from '../../src/model/profile.js';
import type { TemplateSpec } from '../../src/model/sender.js';
import { findLeftovers, guessDialect, tokenize } from '../../src/sender/dialects.js';
import { compileTemplate, expandTemplate } from '../../src/sender/expand.js';
import { linkProfile } from '../../src/sender/profile-dialect.js';
import { ValueResolver } from '../../src/sender/values.js';

/**
 * Each grammar from its partner's own documented example. The sources are also next to the
 * patterns, in src/shared/macro-grammars.ts.
 */

const base = (over: Partial<TemplateSpec>): TemplateSpec => ({ name: 't', method: 'GET', url: 'http://p.example/pb', headers: [], bodyMode: 'none', body: '', dialect: 'curly', ...over });
const expand = (over: Partial<TemplateSpec>, vars: Record<string, string> = {}) => expandTemplate(compileTemplate(base(over)), new ValueResolver(vars, {}, 1_700_000_000_000));
const leftovers = (x: ReturnType<typeof expand>) => x.problems.filter((p) => p.code === 'unreplaced-macro').map((p) => p.token);

function captured(target: string, dialect: ProfileMacroDialect | null) {
  const request = { method: 'GET', target, rawHeaders: [] as Array<[string, string]>, body: Buffer.alloc(0) };
  return alwaysOnChecks(extractFields(request, 1e6).fields, { dialect, signedParams: false, amounts: DEFAULT_AMOUNT_NAMES, allowEmpty: new Set() }).filter((i) => i.code === 'unreplaced-macro');
}

describe('Singular {cl?Network Name}', () => {
  // support.singular.net/hc/en-us/articles/115004063323 (Postback Macros and Passthrough Parameters
  // for Ad Networks): "https://YourCompanyEndpoint.com?cl_id={cl?NetworkName}&app_id={{app_id}}&ip={EVENT_IP}&amount={AMOUNT}&event={EVTNAME}&timestamp={UTCM}";
  // the macro list writes it `{cl?Network Name}`, beside `{NETWORK=Network Name}`.
  const documented = 'https://YourCompanyEndpoint.com?cl_id={cl?NetworkName}&ip={EVENT_IP}&amount={AMOUNT}&event={EVTNAME}&timestamp={UTCM}';

  it('its dialect fills the argumented and the plain macros', () => {
    const x = expand({ url: documented, dialect: 'curly-arg' }, { 'cl?NetworkName': 'c-1', EVENT_IP: '10.0.0.1', AMOUNT: '2.5', EVTNAME: 'purchase', UTCM: '1700000000' });
    expect(x.problems).toEqual([]);
    expect(x.target).toBe('/?cl_id=c-1&ip=10.0.0.1&amount=2.5&event=purchase&timestamp=1700000000');
    expect(tokenize('{cl?Network Name}', 'curly-arg')).toEqual([{ kind: 'macro', token: '{cl?Network Name}', name: 'cl?Network Name' }]);
  });

  it('left in a curly template, it is refused as a Singular leftover; an imported Singular URL is guessed as Singular', () => {
    const x = expand({ url: documented }, { EVENT_IP: '1', AMOUNT: '1', EVTNAME: 'e', UTCM: '1' });
    expect(leftovers(x)).toEqual(['{cl?NetworkName}']);
    expect(guessDialect(documented)).toBe('curly-arg');
    expect(findMacros('{NETWORK=Network Name}')).toEqual([expect.objectContaining({ dialect: 'curly-arg' })]);
  });

  it('in a capture, is named as Singular grammar', () => {
    const [issue] = captured('/pb?cl_id=%7Bcl%3FNetwork%20Name%7D', 'curly');
    expect(issue).toMatchObject({ token: '{cl?Network Name}', message: expect.stringMatching(/curly-arg token.*Singular/) });
  });
});

describe("Branch ${(x)!}", () => {
  // help.branch.io/docs/postback-macros-functions: "${(name)!}", "${(organization_id)!}", and
  // user data such as "${(user_data.aaid)!}".
  it('is named Branch (freemarker), not AppsFlyer-style paren', () => {
    expect(findMacros('${(user_data.aaid)!}')).toEqual([{ token: '${(user_data.aaid)!}', name: 'user_data.aaid', dialect: 'freemarker' }]);
    const [issue] = captured(`/pb?aaid=${encodeURIComponent('${(user_data.aaid)!}')}`, 'paren');
    expect(issue!.message).toMatch(/a freemarker token, but this partner's macros look like \(click-id\).*Branch/);
    expect(issue!.message).not.toMatch(/a paren token/);
  });

  it('its dialect fills it; left in a curly URL it is refused whole', () => {
    expect(expand({ url: 'http://p.example/pb?e=${(name)!}&org=${(organization_id)!}', dialect: 'freemarker' }, { name: 'install', organization_id: '42' }).target).toBe('/pb?e=install&org=42');
    expect(leftovers(expand({ url: 'http://p.example/pb?e=${(name)!}' }))).toEqual(['${(name)!}']);
  });
});

describe('TikTok __CALLBACK_PARAM__', () => {
  // ads.tiktok.com/help/article?aid=6669666107177041925 (Third Party Tracking), AppsFlyer example:
  // "...&clickid=__CALLBACK_PARAM__&android_id=__ANDROIDID1__&advertising_id=__GAID__&idfa=__IDFA__&os=__OS__&af_ip=__IP__..."
  const documented = 'https://app.appsflyer.com/id0000000000?pid=bytedanceglobal_int&clickid=__CALLBACK_PARAM__&idfa=__IDFA__&af_ip=__IP__';

  it('is found in a URL about to be sent, whatever the dialect', () => {
    expect(leftovers(expand({ url: documented }))).toEqual(['__CALLBACK_PARAM__', '__IDFA__', '__IP__']);
    expect(findMacros('__CALLBACK_PARAM__')).toEqual([expect.objectContaining({ name: 'CALLBACK_PARAM', dialect: 'double-underscore' })]);
  });

  it('its dialect fills it; Python-style names and single underscores are not macros', () => {
    expect(expand({ url: documented, dialect: 'double-underscore' }, { callback_param: 'cb-1', idfa: 'I', ip: '1.2.3.4' }).target).toBe('/id0000000000?pid=bytedanceglobal_int&clickid=cb-1&idfa=I&af_ip=1.2.3.4');
    expect(findLeftovers('http://x/__init__/a_b_c?ttclid=_CLICKID_', 'url')).toEqual([]);
  });
});

describe('Pollfish [[x]]', () => {
  // github.com/pollfish/docs s2s.md: "http://www.example.com/pollfish/[[request_uuid]]?cpa=[[cpa]]"
  // "could produce ... http://www.example.com/pollfish/CPMdQdgAzHoL6360iXY5qLp?cpa=30".
  const documented = 'http://www.example.com/pollfish/[[request_uuid]]?cpa=[[cpa]]';

  it('its dialect produces the documented URL', () => {
    expect(expand({ url: documented, dialect: 'double-square' }, { request_uuid: 'CPMdQdgAzHoL6360iXY5qLp', cpa: '30' }).url).toBe('http://www.example.com/pollfish/CPMdQdgAzHoL6360iXY5qLp?cpa=30');
  });

  it('left in a curly template, each is refused once, as [[x]] not [x]', () => {
    expect(leftovers(expand({ url: documented }))).toEqual(['[[request_uuid]]', '[[cpa]]']);
    expect(findMacros('[[cpa]]')).toEqual([expect.objectContaining({ token: '[[cpa]]', dialect: 'double-square' })]);
    expect(guessDialect(documented)).toBe('double-square');
  });
});

describe('AppsFlyer (idfa) / (ip) in a sent postback', () => {
  // support.appsflyer.com/hc/en-us/articles/207273946 (Postback macros for ad networks):
  // "iOS device IDs can be extracted by using "&IDFA=(idfa)""; "include "&ip_address=(ip)"".
  it('single-word macros left in the URL refuse the send', () => {
    expect(leftovers(expand({ url: 'http://p.example/pb?click_id={click_id}&IDFA=(idfa)&ip_address=(ip)' }, { click_id: 'c' }))).toEqual(['(idfa)', '(ip)']);
    expect(leftovers(expand({ url: 'http://p.example/pb?IDFA=%28idfa%29' }))).toEqual(['(idfa)']);
  });

  it('a Wikipedia-style path and prose in a body are not macros', () => {
    expect(leftovers(expand({ url: 'http://p.example/wiki/Foo_(bar)?a=1', method: 'POST', bodyMode: 'raw', body: 'Pack (large)' }))).toEqual([]);
  });
});

describe('the Composer refuses [click_id] under the curly dialect (issue #12 done-when)', () => {
  it('a lower-case square token in the URL of a curly template is a leftover: the send is refused', () => {
    const x = expand({ url: 'http://p.example/pb?subid={subid}&click_id=[click_id]' }, { subid: 's' });
    expect(x.problems).toEqual([expect.objectContaining({ code: 'unreplaced-macro', token: '[click_id]', message: 'Unreplaced macro [click_id] in the URL' })]);
  });

  it('PHP-style array keys (data[click_id]=…) and JSON arrays stay sendable', () => {
    expect(leftovers(expand({ url: 'http://p.example/pb?data[click_id]=1&a[b][c]=2', method: 'POST', bodyMode: 'json', body: '{"ids":[1,2],"tags":["x"]}' }))).toEqual([]);
  });

  it('linking a profile gives the template its dialect; unlinking keeps it', () => {
    const spec = base({ url: 'http://p.example/pb?click_id=[click_id]' });
    linkProfile(spec, { id: 7, macroDialect: 'square' });
    expect(spec).toMatchObject({ profileId: 7, dialect: 'square' });
    // Under the profile's dialect the same token is a macro, filled from the values.
    expect(expandTemplate(compileTemplate(spec), new ValueResolver({ click_id: 'c-9' }, {}, 0)).target).toBe('/pb?click_id=c-9');
    linkProfile(spec, null);
    expect(spec.profileId).toBeUndefined();
    expect(spec.dialect).toBe('square');
  });
});
