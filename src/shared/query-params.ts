import type { KeyParam, QueryParam } from '../model/exchange.js';
import { isValidUtf8 } from './binary-string.js';

/** Splits a request target into path and raw query (without '?'), keeping every byte as sent. */
export function splitTarget(target: string): { path: string; rawQuery: string | null } {
  const q = target.indexOf('?');
  if (q < 0) return { path: target, rawQuery: null };
  return { path: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

interface Decoded {
  text: string;
  invalidEscape: boolean;
  invalidUtf8: boolean;
}

const lenientUtf8 = new TextDecoder('utf-8');

/** Percent-decodes a binary-string component into UTF-8 text, tolerating bad escapes (kept literally). */
export function percentDecode(raw: string, plusAsSpace: boolean): Decoded {
  const bytes: number[] = [];
  let invalidEscape = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 /* % */) {
      const hex = raw.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
        continue;
      }
      invalidEscape = true;
    }
    if (c === 0x2b /* + */ && plusAsSpace) {
      bytes.push(0x20);
      continue;
    }
    if (c > 0xff) {
      // Already-decoded text (not a binary string): keep its UTF-8 bytes.
      for (const b of new TextEncoder().encode(raw[i])) bytes.push(b);
      continue;
    }
    bytes.push(c);
  }
  const array = Uint8Array.from(bytes);
  const invalidUtf8 = !isValidUtf8(array);
  return { text: lenientUtf8.decode(array), invalidEscape, invalidUtf8 };
}

/**
 * Parses a raw query string into ordered pairs, keeping duplicates, and flags what a postback
 * engineer must notice: bad escapes, `+` ambiguity, double encoding, empty values.
 */
export function parseQuery(rawQuery: string | null, plusAsSpace = true): QueryParam[] {
  if (rawQuery === null || rawQuery === '') return [];
  const params: QueryParam[] = [];
  const seen = new Map<string, number>();
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawName = eq < 0 ? piece : piece.slice(0, eq);
    const rawValue = eq < 0 ? '' : piece.slice(eq + 1);
    const name = percentDecode(rawName, plusAsSpace);
    const value = percentDecode(rawValue, plusAsSpace);
    const anomalies: string[] = [];
    if (eq < 0) anomalies.push('no-equals');
    if (name.invalidEscape || value.invalidEscape) anomalies.push('invalid-percent-escape');
    if (name.invalidUtf8 || value.invalidUtf8) anomalies.push('invalid-utf8');
    if (rawValue.includes('+')) anomalies.push('plus-as-space');
    if (/%[0-9a-fA-F]{2}/.test(value.text)) anomalies.push('double-encoded');
    if (eq >= 0 && rawValue === '') anomalies.push('empty-value');
    if (/[^\x21-\x7e]/.test(rawName + rawValue)) anomalies.push('unencoded-characters');
    params.push({ name: name.text, value: value.text, rawName, rawValue, anomalies });
    seen.set(name.text, (seen.get(name.text) ?? 0) + 1);
  }
  for (const p of params) if ((seen.get(p.name) ?? 0) > 1) p.anomalies.unshift('duplicate-key');
  return params;
}

/** The params that identify a postback at a glance, most telling first. */
const keyParamGroups: readonly (readonly string[])[] = [
  ['click_id', 'clickid', 'clickId', 'subid', 'sub_id', 'cid', 'aff_click_id', 'click'],
  ['transaction_id', 'transactionid', 'txid', 'tid', 'order_id', 'conversion_id'],
  ['event', 'event_name', 'eventName', 'goal', 'status', 'action'],
  ['payout', 'revenue', 'sum', 'amount', 'value'],
];

export function pickKeyParams(params: ReadonlyArray<{ name: string; value: string }>, max = 3): KeyParam[] {
  const picked: KeyParam[] = [];
  for (const group of keyParamGroups) {
    if (picked.length >= max) break;
    const hit = params.find((p) => group.includes(p.name));
    if (hit) picked.push({ name: hit.name, value: hit.value });
  }
  return picked;
}

/** Every name that can be a key param, for looking them up in the params index. */
export const keyParamNames: readonly string[] = keyParamGroups.flat();
