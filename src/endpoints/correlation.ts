import { valueText, type JsonNode } from '../http/json.js';
import type { RequestView } from './request-view.js';
import { CORRELATION_ID_NAMES, EVENT_NAMES, STATUS_NAMES } from '../http/names.js';

/**
 * Without an endpoint saying otherwise, these identify one conversion in the postbacks of most
 * trackers: the click, the transaction, and the event/status (an install and a purchase of the
 * same click are two conversions, the same purchase twice is a duplicate).
 */
export const defaultCorrelationKeys: readonly string[] = [...CORRELATION_ID_NAMES, ...EVENT_NAMES, ...STATUS_NAMES];

/** `click_id=abc&event=install` from the keys present (query, then form, then JSON); null if none. */
export function correlationOf(request: RequestView, keys: readonly string[]): string | null {
  const parts: string[] = [];
  for (const key of keys) {
    const value = request.query(key) ?? (request.body.length > 0 ? (request.form(key) ?? scalar(request.jsonNode(key))) : undefined);
    if (value !== undefined && value !== '') parts.push(`${key}=${value}`);
  }
  return parts.length ? parts.join('&') : null;
}

/** Numbers as written: a 20-digit click id must correlate as itself, not as JSON.parse's rounding. */
function scalar(node: JsonNode | undefined): string | undefined {
  return node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean') ? valueText(node) : undefined;
}
