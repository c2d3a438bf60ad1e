/**
 * What makes postbacks one conversion, and what a conversion owes to its other postbacks. Pure;
 * src/metrics/derive.ts applies it to one correlation key's group.
 *
 * A conversion is a correlation key + event in one direction: the same identity the duplicate rule
 * uses, so "the second postback of a conversion" and "a duplicate" never disagree. A replay or a
 * new send of the same conversion is therefore a duplicate send of one conversion, not a second
 * conversion; postbacks without a key cannot be matched and are a conversion each.
 */
import type { Base } from './fact.js';

type Member = Pick<Base, 'direction' | 'event' | 'key'>;

/** The conversion a postback belongs to, within its key group. */
export const conversionSlot = (m: Pick<Base, 'direction' | 'event'>): string => `${m.direction}\u0000${m.event ?? ''}`;

/** Sent postbacks whose outbox says delivered (the same rule as the `delivered` counter). */
const delivered = (m: Pick<Base, 'direction' | 'state'>): boolean => m.direction === 'out' && m.state === 'delivered';

/**
 * Conversions (slots) of one key group that some send delivered: the first send's failure is
 * made good by a replay that got through, and a delivered first send is not undone by a failed
 * replay.
 */
export function deliveredSlots(members: ReadonlyArray<Member & Pick<Base, 'state'>>): Set<string> {
  const out = new Set<string>();
  for (const m of members) if (delivered(m)) out.add(conversionSlot(m));
  return out;
}

/**
 * Whether a key group holds a captured reversal (chargeback, refund… as the profile names them)
 * that takes its conversions back. A rejected capture is no reversal: we did not accept it.
 */
export function hasReversal(members: ReadonlyArray<Pick<Base, 'direction' | 'reversal' | 'rejected'>>): boolean {
  return members.some((m) => m.direction === 'in' && m.reversal && !m.rejected);
}

/** A capture that counts as a conversion on the receiver side: accepted, first of its conversion, not itself a reversal. */
export function isCapturedConversion(f: Pick<Base, 'direction' | 'rejected' | 'reversal'> & { duplicate: boolean }): boolean {
  return f.direction === 'in' && !f.rejected && !f.reversal && !f.duplicate;
}

/** A reversal capture counted once per key + event (a chargeback retried by the partner is one reversal). */
export function isCountedReversal(f: Pick<Base, 'direction' | 'rejected' | 'reversal'> & { duplicate: boolean }): boolean {
  return f.direction === 'in' && !f.rejected && f.reversal && !f.duplicate;
}

/** Events a profile marks as reversals, compared as the facts store events: lower case. */
export function reversalEventSet(events: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((events ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean));
}
