/**
 * Reading a postback's conversion from its params: the correlation id, event, value, currency,
 * conversion time and leftover macros. Pure; names compare without case or separators, like the
 * sender's macro names, so `click_id`, `clickId` and `CLICKID` are one key.
 */
import { findMacros } from '../checks/macros.js';
import { CORRELATION_ID_NAMES, CURRENCY_NAMES as CURRENCIES, EVENT_NAMES as EVENTS, normalizeName, normalizedNames, TIME_NAMES as TIMES, VALUE_NAMES as VALUES } from '../http/names.js';

export type Params = ReadonlyArray<readonly [string, string]>;

export const normalize = normalizeName;

/** The shared well-known names (src/http/names.ts), in the sender's order of preference, so sent and captured agree. */
const KEY_NAMES = normalizedNames(CORRELATION_ID_NAMES);
const EVENT_NAMES = normalizedNames(EVENTS);
const VALUE_NAMES = normalizedNames(VALUES);
const CURRENCY_NAMES = normalizedNames(CURRENCIES);
const TIME_NAMES = normalizedNames(TIMES);

/** The first param (in the order of `names`) with a non-empty value. */
function pick(params: Params, names: readonly string[]): string | null {
  let best: string | null = null;
  let bestRank = Infinity;
  for (const [name, value] of params) {
    const rank = names.indexOf(normalize(name));
    if (rank >= 0 && rank < bestRank && value.trim() !== '') {
      best = value.trim();
      bestRank = rank;
    }
  }
  return best;
}

/** Endpoint/profile correlation keys first (minus event-like ones), then the usual id names. */
export function keyOf(params: Params, preferred: readonly string[] = []): string | null {
  const own = preferred.map(normalize).filter((n) => !EVENT_NAMES.includes(n) && n !== 'status');
  return pick(params, [...own, ...KEY_NAMES.filter((n) => !own.includes(n))]);
}

export function eventOf(params: Params): string | null {
  return pick(params, EVENT_NAMES);
}

/** A money value as a number: `1.50`, `1,50` (comma decimal), `$1.50`; null if it is not one. */
export function parseAmount(text: string | null): number | null {
  if (text === null) return null;
  const cleaned = text.trim().replace(/^[^\d+-]+/, '');
  const normalized = /^\d+,\d{1,4}$/.test(cleaned) ? cleaned.replace(',', '.') : cleaned;
  if (!/^[+-]?\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
}

export function valueOf(params: Params, extraNames: readonly string[] = []): number | null {
  return parseAmount(pick(params, [...extraNames.map(normalize), ...VALUE_NAMES]));
}

export function currencyOf(params: Params, extraNames: readonly string[] = []): string | null {
  const c = pick(params, [...extraNames.map(normalize), ...CURRENCY_NAMES]);
  return c ? c.toUpperCase() : null;
}

/**
 * A conversion time as ms: unix seconds, ms or µs (told apart by magnitude unless the profile
 * gives the unit), or an ISO 8601 date. Null when it is none of those (a leftover macro, say).
 */
export function parseTime(text: string | null, unit?: 's' | 'ms'): number | null {
  if (text === null) return null;
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    if (unit === 's') return Math.round(n * 1000);
    if (unit === 'ms') return Math.round(n);
    if (n >= 1e14) return Math.round(n / 1000);
    if (n >= 1e11) return Math.round(n);
    return n >= 1e8 ? Math.round(n * 1000) : null;
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T'));
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

export interface TimeParam {
  name: string;
  unit?: 's' | 'ms';
}

/** Profile timestamp params first (with their unit), then ts / event_time / timestamp… */
export function timeOf(params: Params, profileTimes: readonly TimeParam[] = []): number | null {
  for (const spec of profileTimes) {
    const hit = params.find(([name]) => normalize(name) === normalize(spec.name));
    const ms = hit ? parseTime(hit[1], spec.unit) : null;
    if (ms !== null) return ms;
  }
  return parseTime(pick(params, TIME_NAMES));
}

/** Leftover macro tokens in param values (the same detector as the verdict's always-on check). */
export function macroCount(params: Params): number {
  let n = 0;
  for (const [, value] of params) if (/[{[#($]/.test(value)) n += findMacros(value).length;
  return n;
}
