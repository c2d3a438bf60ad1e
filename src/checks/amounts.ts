import type { AmountNames } from '../model/profile.js';
import type { PostbackIssue } from '../model/verdict.js';
import { findMacros } from './macros.js';
import type { PostbackField } from './postback-fields.js';
import { CURRENCY_NAMES, PAYOUT_NAMES, REVENUE_NAMES } from '../http/names.js';

export interface ResolvedAmountNames {
  payout: readonly string[];
  revenue: readonly string[];
  currency: readonly string[];
}

/**
 * Names trackers and MMPs use for the money of a conversion (Keitaro payout/revenue, Affise sum,
 * Everflow/TUNE amount, Binom cnv_currency, AppsFlyer event_revenue(_currency)…). A profile can
 * replace each list; an empty list turns its part of the check off.
 */
export const DEFAULT_AMOUNT_NAMES: ResolvedAmountNames = {
  payout: PAYOUT_NAMES,
  revenue: REVENUE_NAMES,
  currency: CURRENCY_NAMES,
};

export function resolveAmountNames(names: AmountNames | undefined): ResolvedAmountNames {
  return {
    payout: names?.payout ?? DEFAULT_AMOUNT_NAMES.payout,
    revenue: names?.revenue ?? DEFAULT_AMOUNT_NAMES.revenue,
    currency: names?.currency ?? DEFAULT_AMOUNT_NAMES.currency,
  };
}

const ZERO = /^0+(?:[.,]0+)?$/;

function amountOf(value: string): number | null {
  if (!/^-?\d+(?:[.,]\d+)?$/.test(value)) return null;
  return Number(value.replace(',', '.'));
}

/**
 * `payout=0` beside a non-zero revenue usually means the payout macro was never mapped; money
 * without a currency is read in whatever the receiver assumes (an offer default, often USD).
 */
export function checkAmounts(fields: readonly PostbackField[], names: ResolvedAmountNames): PostbackIssue[] {
  const issues: PostbackIssue[] = [];
  const named = (list: readonly string[]) => fields.filter((f) => list.includes(f.name));
  const payouts = named(names.payout);
  const revenues = named(names.revenue);
  const nonZeroRevenue = revenues.find((f) => (amountOf(f.value) ?? 0) !== 0);
  for (const p of payouts) {
    if (ZERO.test(p.value) && nonZeroRevenue) {
      issues.push({
        code: 'zero-payout',
        severity: 'warn',
        param: p.name,
        message: `${p.name}=${p.value} while ${nonZeroRevenue.name}=${nonZeroRevenue.value}: the payout macro may not be mapped, or the conversion is not paid`,
      });
    }
  }
  if (names.currency.length > 0 && named(names.currency).length === 0) {
    const money = [...payouts, ...revenues].find((f) => f.value !== '' && findMacros(f.value).length === 0);
    if (money) {
      issues.push({
        code: 'currency-missing',
        severity: 'warn',
        param: money.name,
        message: `${money.name}=${money.value} carries no currency (none of ${names.currency.join(', ')}): the receiver will assume its default`,
      });
    }
  }
  return issues;
}
