import type { AppliedEncoding, EncodeMode, Slot } from '../model/sender.js';
import { encodeFormComponent, encodePathSegment, encodeQueryComponent, isAlreadyEncoded, jsonBare, jsonEscape } from './encoding.js';

/**
 * The text a value becomes in its slot. `auto` encodes once and keeps a value that is already
 * encoded for that slot (a nested callback URL); `always` encodes it again; `never` inserts it raw.
 * Origin, header and raw-body slots are never encoded: there is no encoding that belongs there.
 */
export function encodeForSlot(value: string, slot: Slot, mode: EncodeMode): { text: string; encoding: AppliedEncoding } {
  switch (slot) {
    case 'path':
      return percent(value, mode, 'path', encodePathSegment, 'path-encoded');
    case 'query-name':
    case 'query-value':
    case 'fragment':
      return percent(value, mode, 'query', encodeQueryComponent, 'percent-encoded');
    case 'form-name':
    case 'form-value':
      return percent(value, mode, 'query', encodeFormComponent, 'form-encoded');
    case 'json-string':
      return mode === 'never' ? { text: value, encoding: 'raw' } : { text: jsonEscape(value), encoding: 'json-escaped' };
    case 'json-bare': {
      if (mode === 'never') return { text: value, encoding: 'raw' };
      const bare = jsonBare(value);
      return { text: bare.text, encoding: bare.literal ? 'json-literal' : 'json-quoted' };
    }
    case 'origin':
    case 'header-name':
    case 'header-value':
    case 'raw-body':
    case 'success-body':
      return { text: value, encoding: 'raw' };
  }
}

function percent(
  value: string,
  mode: EncodeMode,
  place: 'query' | 'path',
  encode: (v: string) => string,
  applied: AppliedEncoding,
): { text: string; encoding: AppliedEncoding } {
  if (mode === 'never') return { text: value, encoding: 'raw' };
  if (mode === 'auto' && isAlreadyEncoded(value, place)) return { text: value, encoding: 'already-encoded' };
  return { text: encode(value), encoding: applied };
}
