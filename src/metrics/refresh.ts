/**
 * Recomputes the facts touched by a change (new or updated exchanges, deleted ones, keys whose
 * expectations changed) together with the other facts of their correlation keys, writes what
 * changed and applies the difference to the rollups. The caller runs it inside one transaction.
 */
import { contribution, DAY, DeltaAccumulator, HOUR, MINUTE, type RollupDelta } from './contribution.js';
import { deriveGroup } from './derive.js';
import type { ClockRule } from './clock-rule.js';
import type { Base, Derived, Expectation } from './fact.js';
import { baseOf, type FactsStore, type StoredFact } from './facts-store.js';

/** Members of one key re-read per change; beyond it (a click id reused by hand thousands of times) only new ones are linked. */
export const GROUP_CAP = 200;

export type ExpectationsOf = (keys: readonly string[]) => Map<string, Expectation[]>;

export interface RefreshInput {
  /** Bases just read from the stores. */
  fresh: readonly Base[];
  /** Exchanges that no longer exist. */
  gone: readonly number[];
  /** Keys to re-link although none of their exchanges changed (an import added or removed). */
  keys?: readonly string[];
  /** When a conversion time is a clock problem (default: src/metrics/clock-rule.ts). */
  clock?: ClockRule;
}

export function refreshFacts(store: FactsStore, expectationsOf: ExpectationsOf, input: RefreshInput): RollupDelta[] {
  const ids = [...input.fresh.map((f) => f.id), ...input.gone];
  const old = new Map<number, StoredFact>();
  for (const f of store.loadIds(ids)) old.set(f.id, f);
  const keys = new Set<string>(input.keys ?? []);
  for (const f of input.fresh) if (f.key !== null) keys.add(f.key);
  for (const f of old.values()) if (f.key !== null) keys.add(f.key);
  for (const f of store.loadKeys([...keys], GROUP_CAP)) if (!old.has(f.id)) old.set(f.id, f);

  const bases = new Map<number, Base>();
  for (const f of old.values()) bases.set(f.id, baseOf(f));
  for (const f of input.fresh) bases.set(f.id, f);
  for (const id of input.gone) bases.delete(id);

  const groups = new Map<string, Base[]>();
  const alone: Base[] = [];
  for (const base of bases.values()) {
    if (base.key === null) alone.push(base);
    else (groups.get(base.key) ?? groups.set(base.key, []).get(base.key)!).push(base);
  }
  const expectations = expectationsOf([...groups.keys()]);
  const next = new Map<number, StoredFact>();
  const put = (members: Base[], derived: ReturnType<typeof deriveGroup>) => {
    for (const m of members) next.set(m.id, stored(m, derived.get(m.id)!));
  };
  for (const [key, members] of groups) put(members, deriveGroup(members, expectations.get(key) ?? [], input.clock));
  for (const m of alone) put([m], deriveGroup([m], [], input.clock));

  const minutes = new DeltaAccumulator(MINUTE);
  const hours = new DeltaAccumulator(HOUR);
  const days = new DeltaAccumulator(DAY);
  for (const id of new Set([...old.keys(), ...next.keys()])) {
    const before = old.get(id);
    const after = next.get(id);
    if (before && after && sameFact(before, after)) continue;
    if (before) {
      const c = contribution(before);
      minutes.add(c, -1);
      hours.add(c, -1);
      if (c.bin !== null) days.add(c, -1);
    }
    if (after) {
      const c = contribution(after);
      minutes.add(c, 1);
      hours.add(c, 1);
      if (c.bin !== null) days.add(c, 1);
      store.write(after);
    } else store.remove(id);
  }
  const minuteDeltas = minutes.changed();
  store.applyRollups(minuteDeltas, hours.changed(), days.changed());
  return minuteDeltas;
}

/** One literal of a fixed shape (not spreads): catch-up builds a million of these. */
function stored(m: Base, d: Derived): StoredFact {
  return {
    id: m.id, direction: m.direction, at: m.at, endpointId: m.endpointId, templateId: d.templateId, profileId: d.profileId,
    baseTemplateId: m.templateId, baseProfileId: m.profileId, key: m.key, event: m.event, value: m.value, currency: m.currency,
    paramTime: m.paramTime, timeProblem: m.timeProblem, enqueuedAt: m.enqueuedAt, state: m.state, deliveredAt: m.deliveredAt, attempts: m.attempts, reasons: m.reasons,
    lastReason: m.lastReason, status: m.status, rejected: m.rejected, verdict: m.verdict, macroTokens: m.macroTokens, privacyFinding: m.privacyFinding, reversal: m.reversal,
    duplicate: d.duplicate, conversionDelivered: d.conversionDelivered, reversed: d.reversed, expected: d.expected, arrived: d.arrived, conversionAt: d.conversionAt, latency: d.latency, clockProblem: d.clockProblem,
    withExpected: d.withExpected, mismatched: d.mismatched, accurate: d.accurate,
  };
}

const FIELDS: ReadonlyArray<keyof StoredFact> = [
  'direction', 'at', 'endpointId', 'templateId', 'profileId', 'baseTemplateId', 'baseProfileId', 'key', 'event', 'value', 'currency',
  'paramTime', 'timeProblem', 'enqueuedAt', 'state', 'deliveredAt', 'attempts', 'lastReason', 'status', 'rejected', 'verdict', 'macroTokens', 'privacyFinding', 'reversal',
  'duplicate', 'conversionDelivered', 'reversed', 'expected', 'arrived', 'conversionAt', 'latency', 'clockProblem', 'withExpected', 'mismatched', 'accurate',
];

export function sameFact(a: StoredFact, b: StoredFact): boolean {
  for (const k of FIELDS) if (a[k] !== b[k]) return false;
  return reasonsText(a) === reasonsText(b);
}

const reasonsText = (f: StoredFact): string =>
  Object.entries(f.reasons)
    .filter(([, n]) => n)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([k, n]) => `${k}:${n}`)
    .join(',');
