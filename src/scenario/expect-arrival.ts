import type { ExchangeSummary } from '../model/exchange.js';
import { interpolateMap } from './interpolate.js';
import type { ExpectOf } from './plan-schema.js';
import { durationMs, sleep, textMap, type RunContext } from './run-context.js';

export interface Outcome {
  ok: boolean;
  /** What was seen instead (failures) or what was found (passes). */
  message: string;
  /** The captures it matched, or those seen instead: the app's Scenarios view links to them. */
  exchangeIds?: number[];
}

const defaultWithinMs = 10_000;
const pollMs = 100;

/**
 * Polls the list (path + decoded param filters) rather than one long poll: `wait` cannot filter by
 * path, and the params index fills a moment after commit, which a poll simply outlasts.
 */
export async function expectArrives(e: ExpectOf<'arrives'>, ctx: RunContext): Promise<Outcome> {
  const params = interpolateMap(textMap(e.params), ctx.scope);
  const withinMs = durationMs(e.within ?? ctx.loaded.plan.settings?.timeout ?? defaultWithinMs);
  const from = e.after === undefined ? ctx.lastStepEnd : (ctx.stepEnds.get(e.after) ?? ctx.lastStepEnd);
  const deadline = from + withinMs;
  const wanted = e.count ?? 1;
  const query = new URLSearchParams({ direction: 'in', path: e.arrives, limit: '1000' });
  for (const [name, value] of Object.entries(params)) query.append(`param.${name}`, value);
  for (;;) {
    const matches = (await listSince(ctx, query)).filter((x) => x.path === e.arrives && (e.method === undefined || x.method.toUpperCase() === e.method.toUpperCase()));
    if (matches.length >= wanted) {
      const first = matches[0]!;
      if (e.id !== undefined) ctx.captures.set(e.id, first.id);
      return { ok: true, message: `#${first.id} ${first.method} ${first.url} after ${Math.max(0, first.receivedAt - from)} ms`, exchangeIds: matches.slice(0, wanted).map((x) => x.id) };
    }
    if (Date.now() >= deadline) {
      const instead = matches.length > 0 ? { text: `only ${matches.length} matched`, ids: matches.map((x) => x.id) } : await seenInstead(ctx, e.arrives);
      return { ok: false, message: `${describeWanted(e, params, wanted)} within ${withinMs} ms; ${instead.text}`, exchangeIds: instead.ids };
    }
    await sleep(pollMs);
  }
}

export async function expectNoDuplicates(e: ExpectOf<'no-duplicates'>, ctx: RunContext): Promise<Outcome> {
  const query = new URLSearchParams({ direction: 'in', duplicate: '1', limit: '1000' });
  const path = e['no-duplicates'] === true ? null : e['no-duplicates'];
  if (path !== null) query.set('path', path);
  const repeats = (await listSince(ctx, query)).filter((x) => path === null || x.path === path);
  if (repeats.length === 0) return { ok: true, message: 'no capture repeats an earlier correlation key' };
  return { ok: false, message: `${repeats.length} duplicate(s): ${repeats.slice(0, 3).map((x) => `#${x.id} ${x.url}`).join(', ')}${repeats.length > 3 ? ', …' : ''}`, exchangeIds: repeats.map((x) => x.id) };
}

/** This run's captures (oldest first): a running app's older history must not satisfy or break a plan. */
async function listSince(ctx: RunContext, query: URLSearchParams): Promise<ExchangeSummary[]> {
  const page = await ctx.api.call('listExchanges', { query });
  return page.items.filter((x) => x.receivedAt >= ctx.startedAt && x.rejected === null).reverse();
}

function describeWanted(e: ExpectOf<'arrives'>, params: Record<string, string>, wanted: number): string {
  const shown = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
  return `expected ${wanted > 1 ? `${wanted} postbacks` : 'a postback'} at ${e.method ? `${e.method} ` : ''}${e.arrives}${shown ? ` with ${shown}` : ''}`;
}

async function seenInstead(ctx: RunContext, path: string): Promise<{ text: string; ids: number[] }> {
  const atPath = (await listSince(ctx, new URLSearchParams({ direction: 'in', path, limit: '20' }))).filter((x) => x.path === path);
  const seen = atPath.length > 0 ? atPath : await listSince(ctx, new URLSearchParams({ direction: 'in', limit: '20' }));
  if (seen.length === 0) return { text: 'nothing was captured during the run', ids: [] };
  const newest = seen.slice(-3);
  const text = `seen instead${atPath.length > 0 ? ` at ${path}` : ''}: ${newest.map((x) => `#${x.id} ${x.method} ${x.url}`).join('; ')}${seen.length > 3 ? ` (and ${seen.length - 3} more)` : ''}`;
  return { text, ids: newest.map((x) => x.id) };
}
