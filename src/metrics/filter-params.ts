/**
 * Query strings → a metrics filter, shared by the API and the CLI so both accept the same words:
 * `from`/`to` as ms, unix seconds, ISO dates or relative (`-1h`, `-7d`, `now`); ids as numbers.
 * Throws Error with a message naming the field; callers map it to their own error shape.
 */
import type { Bucket, MetricsFilter, ProblemKind } from '../model/metrics.js';
import { PROBLEM_BITS } from './contribution.js';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A time: `now`, `-15m`/`-2h`/`-7d` (before `now`), unix ms or s, or an ISO 8601 date. */
export function parseTimeArg(text: string, now: number, field: string): number {
  const t = text.trim();
  if (t === 'now') return now;
  const rel = /^-(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)$/.exec(t);
  if (rel) return now - Math.round(Number(rel[1]) * UNITS[rel[2]!]!);
  if (/^\d+$/.test(t)) return t.length <= 10 ? Number(t) * 1000 : Number(t);
  const ms = Date.parse(t);
  if (Number.isFinite(ms)) return ms;
  throw new Error(`${field} must be a time: now, -1h, -7d, unix ms or s, or an ISO date such as 2026-01-31T12:00:00Z (got "${text}")`);
}

function id(value: string | undefined, field: string): number | null {
  if (value === undefined || value === '') return null;
  if (!/^\d+$/.test(value)) throw new Error(`${field} must be an id (got "${value}")`);
  return Number(value);
}

export interface ParsedQuery {
  filter: MetricsFilter;
  bucket: Bucket | null;
  importId: number | null;
}

/** Defaults: the last hour up to now. */
export function parseMetricsQuery(q: Record<string, string | undefined>, now = Date.now()): ParsedQuery {
  const to = q['to'] ? parseTimeArg(q['to'], now, 'to') : now;
  const from = q['from'] ? parseTimeArg(q['from'], now, 'from') : to - 3_600_000;
  if (from >= to) throw new Error('from must be before to');
  const direction = q['direction'] ?? '';
  if (direction !== '' && direction !== 'in' && direction !== 'out') throw new Error('direction must be in or out');
  const bucket = q['bucket'] ?? '';
  if (bucket !== '' && bucket !== 'minute' && bucket !== 'hour') throw new Error('bucket must be minute or hour');
  return {
    filter: {
      from,
      to,
      direction: direction === '' ? null : direction,
      endpointId: id(q['endpoint'], 'endpoint'),
      profileId: id(q['profile'], 'profile'),
      templateId: id(q['template'], 'template'),
    },
    bucket: bucket === '' ? null : bucket,
    importId: id(q['import'], 'import'),
  };
}

/** `kind=delivery,answer` → problem kinds; absent → all. */
export function parseKinds(text: string | undefined): ProblemKind[] | null {
  if (!text) return null;
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) if (!(k in PROBLEM_BITS)) throw new Error(`kind must be some of ${Object.keys(PROBLEM_BITS).join(', ')} (got "${k}")`);
  return kinds as ProblemKind[];
}

/** The filter back as a query string (the UI, the report's own links, the CLI's API mode). */
export function filterQuery(f: MetricsFilter, extra: Record<string, string | number | null | undefined> = {}): string {
  const sp = new URLSearchParams({ from: String(f.from), to: String(f.to) });
  if (f.direction) sp.set('direction', f.direction);
  if (f.endpointId !== null) sp.set('endpoint', String(f.endpointId));
  if (f.profileId !== null) sp.set('profile', String(f.profileId));
  if (f.templateId !== null) sp.set('template', String(f.templateId));
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  return sp.toString();
}
