import type { RequestView } from './request-view.js';

/**
 * Without an endpoint saying otherwise, these identify one conversion in the postbacks of most
 * trackers: the click, the transaction, and the event/status (an install and a purchase of the
 * same click are two conversions, the same purchase twice is a duplicate).
 */
export const defaultCorrelationKeys = ['click_id', 'clickid', 'subid', 'cid', 'transaction_id', 'txid', 'event', 'event_name', 'status', 'goal'];

/** `click_id=abc&event=install` from the keys present (query, then form, then JSON); null if none. */
export function correlationOf(request: RequestView, keys: readonly string[]): string | null {
  const parts: string[] = [];
  for (const key of keys) {
    const value = request.query(key) ?? (request.body.length > 0 ? (request.form(key) ?? scalar(request.json(key))) : undefined);
    if (value !== undefined && value !== '') parts.push(`${key}=${value}`);
  }
  return parts.length ? parts.join('&') : null;
}

function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
