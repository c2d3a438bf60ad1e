/**
 * The param names trackers, networks and MMPs use for the few values every postback is about.
 * One list per concept, in order of preference (the first name present wins), shared by the
 * inbox's key params, endpoint correlation, the sender's correlation value, metrics extraction,
 * expected-conversion imports and the amount checks, so that sent, captured, checked and counted
 * postbacks all agree on what "the click id" is. Exact spellings; callers that compare without
 * case or separators use `normalizeName`. Pure.
 */

/** Ids a tracker issued for the click itself. */
export const CLICK_ID_NAMES = ['click_id', 'clickid', 'clickId', 'aff_click_id'] as const;

/** Ids of the conversion/order, when the partner has no click id to send back. */
export const TRANSACTION_ID_NAMES = ['transaction_id', 'transactionid', 'txid', 'tid', 'order_id', 'conversion_id'] as const;

/** Sub-ids that usually carry the click id under another name (CAKE/HasOffers s1, aff_sub, Keitaro subid). */
export const SUB_ID_NAMES = ['subid', 'sub_id', 's1', 'aff_sub', 'cid', 'click'] as const;

/** Every name a conversion can be matched by, most telling first (the sender and metrics pick in this order). */
export const CORRELATION_ID_NAMES: readonly string[] = [...CLICK_ID_NAMES, ...TRANSACTION_ID_NAMES, ...SUB_ID_NAMES];

/** What happened: install, purchase, lead… */
export const EVENT_NAMES = ['event', 'event_name', 'eventName', 'event_type', 'goal', 'conversion_type'] as const;

/** A conversion's state (approved, rejected…): part of its identity, but not an event for metrics. */
export const STATUS_NAMES = ['status', 'action'] as const;

/** What the receiver of the postback is paid. */
export const PAYOUT_NAMES = ['payout', 'payout_amount', 'aff_payout', 'commission'] as const;

/** What the advertiser earned (Affise sum, Everflow/TUNE amount, AppsFlyer af_revenue…). */
export const REVENUE_NAMES = ['revenue', 'sum', 'amount', 'sale_amount', 'price', 'event_revenue', 'af_revenue', 'revenue_usd', 'order_value'] as const;

/** The money of a conversion, whichever side it is: payout first. */
export const VALUE_NAMES: readonly string[] = [...PAYOUT_NAMES, ...REVENUE_NAMES, 'value'];

export const CURRENCY_NAMES = ['currency', 'currency_code', 'cur', 'cnv_currency', 'event_revenue_currency', 'af_currency', 'revenue_currency'] as const;

/** When the conversion happened (unix seconds/ms or ISO 8601). */
export const TIME_NAMES = ['ts', 'event_time', 'timestamp', 'conversion_time', 'event_timestamp', 'conversion_ts'] as const;

/** `click_id`, `clickId` and `CLICKID` are one name to metrics and the sender's macros. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Normalised, duplicates dropped, order kept. */
export function normalizedNames(names: readonly string[]): string[] {
  return [...new Set(names.map(normalizeName))];
}
