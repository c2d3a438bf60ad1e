/**
 * The engine works on binary strings (one char per byte) so nothing is lost while comparing; the
 * API and the CLI show text. This maps the raw strings in a result to display text exactly as the
 * exchange detail does (UTF-8 when the bytes are valid UTF-8, else one char per byte), AFTER
 * comparing, so equality is still decided on bytes.
 */
import type { ExchangeDiff, HeaderDiffEntry, HeaderValue, ParamValue, QueryDiffEntry } from '../diff/index.js';
import { binaryStringToDisplay as show } from '../shared/binary-string.js';

export function displayDiff(diff: ExchangeDiff): ExchangeDiff {
  return {
    ...diff,
    path: { ...diff.path, left: show(diff.path.left), right: show(diff.path.right) },
    query: diff.query.map(displayParamEntry),
    headers: diff.headers.map(displayHeaderEntry),
  };
}

function displayParamEntry(e: QueryDiffEntry): QueryDiffEntry {
  if (e.kind === 'order') return e;
  return { ...e, left: displayParam(e.left), right: displayParam(e.right) };
}

function displayParam(v: ParamValue | null): ParamValue | null {
  return v && { ...v, rawName: show(v.rawName), rawValue: v.rawValue === null ? null : show(v.rawValue) };
}

function displayHeaderEntry(e: HeaderDiffEntry): HeaderDiffEntry {
  if (e.kind === 'order') return e;
  const value = (v: HeaderValue | null): HeaderValue | null => v && { ...v, value: show(v.value) };
  return { ...e, left: value(e.left), right: value(e.right) };
}
