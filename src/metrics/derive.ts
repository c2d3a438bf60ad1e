/**
 * What a postback's metrics owe to the others of its conversion: duplicates, whether a send
 * arrived, the conversion time a capture inherits from our own send or an import, and value
 * mismatches. Pure: given every fact of one correlation key, it gives each its derived part.
 */
import { checkClock, DEFAULT_CLOCK_RULE, type ClockRule } from './clock-rule.js';
import { conversionSlot, deliveredSlots, hasReversal } from './conversions.js';
import type { Base, Derived, Expectation, Fact } from './fact.js';

/** Money compares to the cent and a half: `1.5` and `1.50` are one value, `1.50` and `1.52` are not. */
const VALUE_TOLERANCE = 0.005;

/** Events match when equal, or when one side does not say (a send without an event param). */
export const eventsMatch = (a: string | null, b: string | null): boolean => a === null || b === null || a === b;

export interface Difference {
  field: 'value' | 'currency';
  expected: string | null;
  actual: string | null;
}

/** How a captured conversion differs from the expected one (value to the cent, currency exactly). */
export function differences(actual: { value: number | null; currency: string | null }, expected: { value: number | null; currency: string | null }): Difference[] {
  const out: Difference[] = [];
  if (expected.value !== null && (actual.value === null || Math.abs(actual.value - expected.value) > VALUE_TOLERANCE)) {
    out.push({ field: 'value', expected: String(expected.value), actual: actual.value === null ? null : String(actual.value) });
  }
  if (expected.currency !== null && actual.currency !== expected.currency) out.push({ field: 'currency', expected: expected.currency, actual: actual.currency });
  return out;
}

/**
 * The response time from `conversionAt` to `reference` when it counts, and the clock problem
 * (or the unreadable time param) that is reported instead.
 */
function timing(m: Base, conversionAt: number | null, reference: number | null, counts: boolean, rule: ClockRule): { latency: number | null; clockProblem: string | null } {
  if (conversionAt === null || reference === null) return { latency: null, clockProblem: m.timeProblem };
  const check = checkClock(conversionAt, reference, rule);
  return { latency: counts ? check.latency : null, clockProblem: check.problem ?? m.timeProblem };
}

/**
 * Derived parts for all members of one key group (any order). `expectations` are the imported
 * conversions of that key. Members without a key are derived alone (pass them one per call).
 */
export function deriveGroup(members: readonly Base[], expectations: readonly Expectation[] = [], clock: ClockRule = DEFAULT_CLOCK_RULE): Map<number, Derived> {
  const sorted = [...members].sort((a, b) => a.id - b.id);
  const result = new Map<number, Derived>();
  const firstSeen = new Set<string>();
  const duplicate = new Map<number, boolean>();
  for (const m of sorted) {
    const slot = conversionSlot(m);
    duplicate.set(m.id, m.key !== null && firstSeen.has(slot));
    firstSeen.add(slot);
  }
  const firstOuts = sorted.filter((m) => m.direction === 'out' && !duplicate.get(m.id));
  // A chargeback is not the arrival of the conversion it takes back.
  const captures = sorted.filter((m) => m.direction === 'in' && !m.rejected && !m.reversal);
  const deliveredConversions = deliveredSlots(sorted);
  // A postback without a key is derived alone, so it is never taken back by another's reversal.
  const reversedKey = hasReversal(sorted);

  for (const m of sorted) {
    const dup = duplicate.get(m.id)!;
    if (m.direction === 'out') {
      const conversionAt = m.paramTime ?? m.enqueuedAt;
      const expected = !dup && m.key !== null;
      const delivered = m.state === 'delivered' && m.deliveredAt !== null;
      result.set(m.id, {
        duplicate: dup,
        // Only the first send speaks for its conversion, so a conversion counts once however often it was sent.
        conversionDelivered: !dup && deliveredConversions.has(conversionSlot(m)),
        reversed: false,
        expected,
        arrived: expected && captures.some((c) => eventsMatch(c.event, m.event)),
        conversionAt,
        ...timing(m, conversionAt, delivered ? m.deliveredAt : m.at, delivered, clock),
        withExpected: false,
        mismatched: false,
        accurate: false,
        templateId: m.templateId,
        profileId: m.profileId,
      });
      continue;
    }
    const imported = m.key === null ? undefined : expectations.find((e) => eventsMatch(e.event, m.event));
    // A reversal (any event of the key) still belongs to our send's template and profile…
    const sent = m.key === null ? undefined : (firstOuts.find((o) => eventsMatch(o.event, m.event)) ?? (m.reversal ? firstOuts[0] : undefined));
    // …but is compared with nothing and inherits no conversion time: its value is what is taken back.
    const reference = m.reversal ? undefined : (imported ?? (sent ? { value: sent.value, currency: sent.currency } : undefined));
    const conversionAt = m.reversal ? m.paramTime : (m.paramTime ?? imported?.conversionAt ?? (sent ? (sent.paramTime ?? sent.enqueuedAt) : null));
    const mismatched = reference ? differences(m, reference).length > 0 : false;
    result.set(m.id, {
      duplicate: dup,
      conversionDelivered: false,
      reversed: reversedKey && !m.reversal && !m.rejected,
      expected: false,
      arrived: false,
      conversionAt,
      ...timing(m, conversionAt, m.at, !dup && !m.rejected, clock),
      withExpected: reference !== undefined,
      mismatched,
      accurate: m.verdict === 'pass' && !mismatched,
      templateId: m.templateId ?? sent?.templateId ?? null,
      profileId: m.profileId ?? sent?.profileId ?? null,
    });
  }
  return result;
}

export function toFact(base: Base, derived: Derived): Fact {
  return { ...base, ...derived };
}
