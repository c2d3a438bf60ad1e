import type { ApiClient } from './api-client.js';
import type { Scope } from './interpolate.js';
import type { LoadedPlan } from './plan-load.js';
import type { PlanHeaders } from './plan-schema.js';
import type { RawHeaders } from '../model/exchange.js';

/** What steps and expectations share during one run. */
export interface RunContext {
  api: ApiClient;
  loaded: LoadedPlan;
  scope: Scope;
  /** Captures older than this belong to someone else (a running app keeps its history). */
  startedAt: number;
  /** Plan ids → ids in the app. */
  profiles: Map<string, number>;
  endpoints: Map<string, number>;
  templates: Map<string, number>;
  /** Step id (or `#index`) → when it finished, for `arrives … after`. */
  stepEnds: Map<string, number>;
  lastStepEnd: number;
  /** Capture ids found by `arrives` expectations with an id. */
  captures: Map<string, number>;
}

/** `500`, `"500ms"`, `"5s"`, `"1m"` → milliseconds (the schema has checked the form). */
export function durationMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(value.trim())!;
  return Number(m[1]) * (m[2] === 'm' ? 60_000 : m[2] === 's' ? 1000 : 1);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Text for values that arrive as numbers or booleans (the loader already kept numbers' source text). */
export function textMap(map: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}

/** A plan's headers, written as [[name, value], …] or {name: value}, as ordered pairs with each value passed through `fill`. */
export function headerPairs(headers: PlanHeaders | undefined, fill: (value: string) => string): RawHeaders {
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers ?? {});
  return pairs.map(([name, value]) => [name, fill(value)]);
}
