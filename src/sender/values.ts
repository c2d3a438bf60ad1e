import { randomInt, randomUUID } from 'node:crypto';
import { CORRELATION_ID_NAMES, normalizedNames } from '../http/names.js';

export interface Resolved {
  value: string;
  source: 'var' | 'default' | 'builtin';
}

/**
 * Names compare without case and separators, so one set of values fills every dialect:
 * `[CLICKID]`, `{click_id}` and `(click-id)` all read the value given as `click_id`.
 */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

type Builtin = (now: number) => string;

const unixSeconds: Builtin = (now) => String(Math.floor(now / 1000));
const unixMs: Builtin = (now) => String(now);
const iso: Builtin = (now) => new Date(now).toISOString();
const uuid: Builtin = () => randomUUID();
const random: Builtin = () => String(randomInt(0, 1_000_000_000));

/** Built-in values, under the names trackers commonly use for them (normalized). */
const builtins: Record<string, Builtin> = {
  timestamp: unixSeconds,
  ts: unixSeconds,
  unix: unixSeconds,
  unixtime: unixSeconds,
  unixtimestamp: unixSeconds,
  time: unixSeconds,
  timestampms: unixMs,
  tsms: unixMs,
  unixms: unixMs,
  timems: unixMs,
  iso: iso,
  isotime: iso,
  datetime: iso,
  isodatetime: iso,
  date: (now) => new Date(now).toISOString().slice(0, 10),
  uuid,
  guid: uuid,
  randomuuid: uuid,
  random,
  rand: random,
  randomnumber: random,
  randomint: random,
};

export const builtinNames: readonly string[] = Object.keys(builtins);

/**
 * Resolves macro names for one postback. Built-ins are drawn once per postback, so `{uuid}` used
 * in the URL and in a header (or a signature) is the same value.
 */
export class ValueResolver {
  /** Built on the first miss: bulk templates usually name their values exactly. */
  private varsNormalized: Map<string, string> | null = null;
  private defaultsNormalized: Map<string, string> | null = null;
  private drawn: Map<string, string> | null = null;

  constructor(
    private readonly vars: Record<string, string>,
    private readonly defaults: Record<string, string> = {},
    private readonly now: number = Date.now(),
  ) {}

  /** Exact var, then var by normalized name, then the template's default, then a built-in. */
  resolve(name: string): Resolved | null {
    if (Object.hasOwn(this.vars, name)) return { value: this.vars[name]!, source: 'var' };
    const key = normalizeName(name);
    this.varsNormalized ??= normalizedMap(this.vars);
    const loose = this.varsNormalized.get(key);
    if (loose !== undefined) return { value: loose, source: 'var' };
    this.defaultsNormalized ??= normalizedMap(this.defaults);
    const fallback = this.defaultsNormalized.get(key);
    if (fallback !== undefined) return { value: fallback, source: 'default' };
    const builtin = builtins[key];
    if (!builtin) return null;
    this.drawn ??= new Map();
    let value = this.drawn.get(key);
    if (value === undefined) this.drawn.set(key, (value = builtin(this.now)));
    return { value, source: 'builtin' };
  }

  /** The value a correlation (sent ↔ received matching) should use: click id, else transaction id. */
  correlation(): string | null {
    for (const name of CORRELATION_ID_NAMES) if (this.vars[name]) return this.vars[name]!;
    this.varsNormalized ??= normalizedMap(this.vars);
    this.defaultsNormalized ??= normalizedMap(this.defaults);
    for (const name of normalizedNames(CORRELATION_ID_NAMES)) {
      const value = this.varsNormalized.get(name) ?? this.defaultsNormalized.get(name);
      if (value) return value;
    }
    return null;
  }
}

/** First value wins when two names normalize alike. */
function normalizedMap(values: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) if (!map.has(normalizeName(name))) map.set(normalizeName(name), value);
  return map;
}
