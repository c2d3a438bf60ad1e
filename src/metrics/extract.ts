/**
 * Reading a postback's conversion from its params: the correlation id, event, value, currency,
 * conversion time and leftover macros. Pure; names compare without case or separators, like the
 * sender's macro names, so `click_id`, `clickId` and `CLICKID` are one key.
 */
import { findMacros } from '../checks/macros.js';
import type { TimeParamFormat } from './partner-times.js';
import { readTime, type TimeFormat } from './time-formats.js';
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
 * A conversion time as ms: unix seconds, ms or µs (told apart by their digits unless the profile
 * gives the unit), YYYYMMDDHHMM(SS), or an ISO 8601 date (UTC when zoneless). Null when it is none
 * of those (a leftover macro, say): readConversionTime says why.
 */
export function parseTime(text: string | null, unit?: 's' | 'ms'): number | null {
  if (text === null) return null;
  const read = readTime(text, unit === 's' ? { kind: 'unix-s' } : unit === 'ms' ? { kind: 'unix-ms' } : { kind: 'unix-auto' });
  return read.ok ? read.ms : null;
}

export interface TimeParam {
  name: string;
  unit?: 's' | 'ms';
}

/** A conversion time read from params, or why the one that is there cannot be used. */
export interface ConversionTime {
  ms: number | null;
  /** "timestamp not understood: …" when a time param is present but fits no format; else null. */
  problem: string | null;
}

/**
 * Profile timestamp params first (with their unit), then the partner's documented time params
 * (src/metrics/partner-times.ts), then ts / event_time / timestamp… read by shape. A present but
 * unreadable value is reported, never guessed; a later readable param still gives the time.
 */
export function readConversionTime(params: Params, profileTimes: readonly TimeParam[] = [], partnerTimes: readonly TimeParamFormat[] = []): ConversionTime {
  let problem: string | null = null;
  const attempt = (name: string, format: TimeFormat): number | null => {
    const hit = params.find(([n, v]) => normalize(n) === normalize(name) && v.trim() !== '');
    if (!hit) return null;
    const read = readTime(hit[1], format);
    if (read.ok) return read.ms;
    // A leftover macro ({ts}) is no time, but it is counted as an unreplaced macro already.
    if (findMacros(hit[1]).length === 0) problem ??= `${hit[0]}: ${read.problem}`;
    return null;
  };
  const specs: Array<[string, TimeFormat]> = [
    ...profileTimes.map((p): [string, TimeFormat] => [p.name, p.unit === 's' ? { kind: 'unix-s' } : p.unit === 'ms' ? { kind: 'unix-ms' } : { kind: 'unix-auto' }]),
    ...partnerTimes.map((p): [string, TimeFormat] => [p.name, p.format]),
  ];
  for (const [name, format] of specs) {
    const ms = attempt(name, format);
    if (ms !== null) return { ms, problem: null };
  }
  for (const name of TIME_NAMES) {
    const ms = attempt(name, { kind: 'unix-auto' });
    if (ms !== null) return { ms, problem: null };
  }
  return { ms: null, problem };
}

/** The conversion time alone (null when absent or unreadable). */
export function timeOf(params: Params, profileTimes: readonly TimeParam[] = [], partnerTimes: readonly TimeParamFormat[] = []): number | null {
  return readConversionTime(params, profileTimes, partnerTimes).ms;
}

/** Leftover macro tokens in param values (the same detector as the verdict's always-on check). */
export function macroCount(params: Params): number {
  let n = 0;
  for (const [, value] of params) n += findMacros(value).length;
  return n;
}
