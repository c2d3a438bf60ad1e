import type { MacroDialect, RetryPolicy, RetryPreset, Template, TemplateSpec } from '../../../src/model/sender';
import { tokenizeWithEnvironment } from '../../../src/sender/environment-variables';
import { grammarOf, MACRO_GRAMMARS } from '../../../src/shared/macro-grammars';
import { nextDelay } from '../../../src/sender/retry-policy';

/** `{{name}}` is an environment variable (outside the double-curly dialect), not a macro around braces. */
const tokenize = (text: string, dialect: TemplateSpec['dialect']) => tokenizeWithEnvironment(text, dialect, null, '', []);

/** A saved template without what the server adds. */
export function toSpec(template: Template): TemplateSpec {
  const { id: _id, createdAt: _c, updatedAt: _u, ...spec } = template;
  return spec;
}

export function blankTemplate(receiverUrl: string | null): TemplateSpec {
  const base = (receiverUrl ?? 'http://127.0.0.1:4100').replace(/\/+$/, '');
  return {
    name: 'New template',
    method: 'GET',
    url: `${base}/postback?click_id={click_id}&event={event}&payout={payout}&currency={currency}`,
    headers: [],
    bodyMode: 'none',
    body: '',
    dialect: 'curly',
    retry: { kind: 'none' },
  };
}

/** Names compare without case and separators, as the sender does: `[CLICKID]` reads `click_id`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Every dialect the sender knows, in the table's order, for the dialect picker. */
export const DIALECTS: ReadonlyArray<{ value: MacroDialect; example: string; who: string }> = MACRO_GRAMMARS.map((g) => ({ value: g.dialect, example: g.example, who: g.who }));

export function dialectExample(dialect: MacroDialect, name = 'click_id'): string {
  return grammarOf(dialect).write(name);
}

export type MacroPlace = 'url' | 'header' | 'body' | 'success';

export interface TemplateMacro {
  /** As written the first time, e.g. `[CLICKID]`. */
  token: string;
  name: string;
  key: string;
  places: MacroPlace[];
}

/** Every macro the template uses, in order of first appearance, one entry per (normalized) name. */
export function macrosOf(spec: TemplateSpec): TemplateMacro[] {
  const out = new Map<string, TemplateMacro>();
  const scan = (text: string, place: MacroPlace) => {
    for (const t of tokenize(text, spec.dialect)) {
      if (t.kind !== 'macro') continue;
      const key = normalizeName(t.name);
      const found = out.get(key);
      if (found) {
        if (!found.places.includes(place)) found.places.push(place);
      } else out.set(key, { token: t.token, name: t.name, key, places: [place] });
    }
  };
  scan(spec.url, 'url');
  for (const [n, v] of spec.headers) {
    scan(n, 'header');
    scan(v, 'header');
  }
  if (spec.bodyMode !== 'none') scan(spec.body, 'body');
  if (spec.success?.body) scan(spec.success.body.value, 'success');
  return [...out.values()];
}

/** Conversion fields most postbacks carry, with a plausible test value each. */
export const CONVERSION_FIELDS: ReadonlyArray<readonly [string, () => string]> = [
  ['click_id', () => `test-${Math.random().toString(36).slice(2, 10)}`],
  ['transaction_id', () => `tx-${Math.random().toString(36).slice(2, 10)}`],
  ['subid', () => `sub-${Math.random().toString(36).slice(2, 8)}`],
  ['event', () => 'install'],
  ['status', () => 'sale'],
  ['payout', () => '1.50'],
  ['revenue', () => '1.50'],
  ['currency', () => 'USD'],
];

export function sampleValue(name: string): string | null {
  const key = normalizeName(name);
  const found = CONVERSION_FIELDS.find(([n]) => normalizeName(n) === key);
  if (found) return found[1]();
  if (key === 'clickid' || key === 'cid' || key === 's1' || key === 'subid1') return CONVERSION_FIELDS[0]![1]();
  if (key === 'txid' || key === 'tid' || key === 'orderid') return CONVERSION_FIELDS[1]![1]();
  if (key === 'sum' || key === 'amount' || key === 'price') return '1.50';
  if (key === 'goal' || key === 'eventname') return 'install';
  return null;
}

// ---------------------------------------------------------------- retry plans

export type RetryChoice = 'none' | RetryPreset | 'exponential' | 'schedule';

export const RETRY_CHOICES: ReadonlyArray<{ value: RetryChoice; label: string; title: string }> = [
  { value: 'none', label: 'None', title: 'One attempt, no retry' },
  { value: 'appsflyer', label: 'AppsFlyer', title: 'Retry on 5xx or no response: 4 more tries, 15 minutes apart' },
  { value: 'singular', label: 'Singular', title: 'HTTP 500–559 only: retries 1, 5, 15, 30 and 60 minutes after the original attempt' },
  { value: 'adjust', label: 'Adjust', title: 'Unreachable or 5xx (never 4xx): up to 6 retries within 24 hours' },
  { value: 'everflow', label: 'Everflow', title: 'No retry; the destination is deactivated after 10 consecutive failures within 72 hours' },
  { value: 'branch', label: 'Branch', title: 'Timeouts only (2 s at Branch): one retry, almost immediately' },
  { value: 'tapjoy', label: 'Tapjoy', title: 'Anything but 200 or 403: every 5 minutes for 4 days' },
  { value: 'digitalturbine', label: 'Digital Turbine', title: 'Only 200 is success; DT does not publish retries: none' },
  { value: 'kochava', label: 'Kochava', title: 'Up to 10 retries (the Retry Attempts setting); trigger and spacing unpublished: any failure, 1 min apart' },
  { value: 'exponential', label: 'Exponential', title: 'Exponential backoff with jitter' },
  { value: 'schedule', label: 'Schedule', title: 'Your own list of delays' },
];

export function retryChoice(policy: RetryPolicy | undefined): RetryChoice {
  if (!policy || policy.kind === 'none') return 'none';
  if (policy.kind === 'preset') return policy.preset;
  return policy.kind;
}

export function policyFor(choice: RetryChoice, previous: RetryPolicy | undefined): RetryPolicy {
  switch (choice) {
    case 'none':
      return { kind: 'none' };
    case 'exponential':
      return previous?.kind === 'exponential' ? previous : { kind: 'exponential', baseMs: 1000, factor: 2, maxAttempts: 5, maxDelayMs: 60_000, jitter: 0.2 };
    case 'schedule':
      return previous?.kind === 'schedule' ? previous : { kind: 'schedule', delaysMs: [60_000, 300_000, 900_000] };
    case 'everflow':
      return { kind: 'preset', preset: 'everflow', disableAfter: previous?.kind === 'preset' && previous.preset === 'everflow' ? (previous.disableAfter ?? 10) : 10 };
    default:
      return { kind: 'preset', preset: choice };
  }
}

/**
 * The delays before each retry (from the previous attempt) for a send that keeps failing with a
 * 500 (a timeout for a policy that only retries those), attempts taking no time and jitter left
 * out. Capped: a policy is allowed to be long.
 */
export function retryDelays(policy: RetryPolicy | undefined): number[] {
  if (!policy) return [];
  const out: number[] = [];
  const failure = nextDelay(policy, 1, { status: 500 }, () => 0) === null ? { status: null, timedOut: true } : { status: 500 };
  let sinceFirst = 0;
  for (let attempt = 1; attempt <= 50; attempt++) {
    // Schedules counted from the original attempt (Singular) need the time gone by to give the gap.
    const d = nextDelay(policy, attempt, failure, () => 0, sinceFirst);
    if (d === null) break;
    out.push(d);
    sinceFirst += d;
  }
  return out;
}

/** `90000` → `1.5 min`; `1500` → `1.5 s`; short, for plans. */
export function formatDelay(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  if (ms < 3_600_000) return `${trim(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${trim(ms / 3_600_000)} h`;
  return `${trim(ms / 86_400_000)} d`;
}

const trim = (n: number) => (Math.round(n * 10) / 10).toString();

/** `1m, 5m, 90s, 1500ms, 2h` → milliseconds; null with a message when a part is not a duration. */
export function parseDelays(text: string): { ok: true; delays: number[] } | { ok: false; message: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const delays: number[] = [];
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h|d)?$/i.exec(part);
    if (!m) return { ok: false, message: `“${part}” is not a delay: write 500ms, 30s, 5m, 2h` };
    const n = Number(m[1]);
    const unit = (m[2] ?? 'ms').toLowerCase();
    const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' || unit === 'min' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000;
    delays.push(Math.round(n * factor));
  }
  return { ok: true, delays };
}

export function delaysText(delays: readonly number[]): string {
  return delays
    .map((ms) => {
      if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
      if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
      if (ms % 1000 === 0 && ms > 0) return `${ms / 1000}s`;
      return `${ms}ms`;
    })
    .join(', ');
}

export const TIME_SCALES: ReadonlyArray<readonly [number, string]> = [
  [1, '×1 real time'],
  [10, '×10'],
  [60, '×60 (a minute in a second)'],
  [100, '×100'],
  [1000, '×1000 (24 h in 86 s)'],
  [3600, '×3600 (an hour in a second)'],
];
