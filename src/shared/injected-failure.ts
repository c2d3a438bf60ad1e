import { seededUnit } from './seeded-random.js';

/**
 * Failure injection for bulk runs, done on the wire rather than faked in the outbox: the chosen
 * postbacks carry this header, and this app's receiver answers any request carrying it with a
 * real 500 (whatever endpoint or rule would have answered). Every attempt of a marked postback
 * carries it (retries resend the stored bytes), so the run exercises the retry policy to its
 * give-up rule and the delivery rate drops by exactly the marked share. A partner elsewhere
 * ignores the header: the injection only bites when the run targets this receiver.
 */
export const injectedFailureHeader = 'X-Postback-Inspector-Fail';

/** What the receiver answers a marked request with. */
export const injectedFailureStatus = 500;

/** Why a failure percent cannot be used, or null. */
export function failurePercentError(percent: unknown): string | null {
  if (percent === undefined) return null;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) return 'failure percent must be a number from 0 to 100';
  return null;
}

/** How many of `total` conversions a run marks: the share rounded to a whole conversion. */
export function markedCount(total: number, percent: number): number {
  return Math.round((total * percent) / 100);
}

/**
 * Chooses which conversions of a run fail: exactly `markedCount` of them, spread over the run by
 * selection sampling (Knuth's Algorithm S) driven by the seeded generator. Ask in index order
 * (0, 1, 2…): the same seed, count and percent always mark the same conversions, so a run can be
 * reproduced conversion for conversion (with sequence generators, the same click ids fail).
 */
export class FailurePicker {
  private readonly wanted: number;
  private picked = 0;
  private asked = 0;

  constructor(
    private readonly total: number,
    percent: number,
    private readonly seed: number,
  ) {
    this.wanted = markedCount(total, percent);
  }

  /** Whether the next conversion (in index order) fails. */
  next(): boolean {
    const index = this.asked++;
    if (index >= this.total || this.picked >= this.wanted) return false;
    const left = this.total - index;
    const needed = this.wanted - this.picked;
    const pick = seededUnit(this.seed, index + 1) * left < needed;
    if (pick) this.picked += 1;
    return pick;
  }
}
