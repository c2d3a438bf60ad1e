/**
 * The one path builder of the route table (src/shared/api/path.ts), used by the renderer's typed
 * calls (renderer/api/call.ts) and by the scenario runner's client (src/scenario/api-client.ts):
 * path params filled and encoded, the query written after a `?` only when it has something.
 */
import { describe, expect, it } from 'vitest';
import { pathOf } from '../../src/shared/api/path.js';

describe('pathOf', () => {
  it('fills each :param from the route table, encoding its value', () => {
    expect(pathOf('getExchange', { id: 7 })).toBe('/api/exchanges/7');
    expect(pathOf('getIgnoreRules', { scope: 'endpoint', id: '12' })).toBe('/api/ignore-rules/endpoint/12');
    expect(pathOf('getBulk', { id: 'a/b c?d' })).toBe('/api/bulk/a%2Fb%20c%3Fd');
    expect(pathOf('addProfilePreset', { presetId: 'appsflyer' })).toBe('/api/profile-presets/appsflyer');
  });

  it('refuses to build a path with a parameter missing, naming the route and the parameter', () => {
    expect(() => pathOf('getIgnoreRules', { scope: 'endpoint' })).toThrow('getIgnoreRules: missing path parameter id');
  });

  it('writes the query after a `?`: numbers and booleans as text, lists as repeated keys, null and undefined left out', () => {
    expect(pathOf('getMetrics', {}, { from: 1700000000000, to: 'now' })).toBe('/api/metrics?from=1700000000000&to=now');
    expect(pathOf('listExchanges', {}, { limit: 5, method: ['GET', 'POST'], path: undefined, q: null, duplicate: true })).toBe('/api/exchanges?limit=5&method=GET&method=POST&duplicate=true');
    expect(pathOf('getExchangeBody', { id: 3 }, { decoded: '1' })).toBe('/api/exchanges/3/body?decoded=1');
  });

  it('keeps a URLSearchParams as given (open `param.<name>` keys, order, repeats)', () => {
    const query = new URLSearchParams([['param.click_id', 'a b'], ['direction', 'in'], ['param.click_id', 'c&d']]);
    expect(pathOf('listExchanges', {}, query)).toBe('/api/exchanges?param.click_id=a+b&direction=in&param.click_id=c%26d');
  });

  it('adds no `?` when the query is empty or absent', () => {
    expect(pathOf('getStatus')).toBe('/api/status');
    expect(pathOf('listExchanges', {}, {})).toBe('/api/exchanges');
    expect(pathOf('listExchanges', {}, { limit: undefined })).toBe('/api/exchanges');
    expect(pathOf('listExchanges', {}, new URLSearchParams())).toBe('/api/exchanges');
  });
});
