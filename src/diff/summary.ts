/**
 * One-line human summary, e.g. "3 params changed, 1 added, headers identical, body: 2 paths changed".
 * Counted differences lead; noise (order, casing, encoding, volatile, ignored) follows in
 * parentheses so nobody mistakes it for a difference, yet nobody misses it either.
 */
import type { BodyDiff, ExchangeDiff, HeaderDiffEntry, JsonDiffEntry, QueryDiffEntry } from './types.js';

type Counts = Array<[verb: string, n: number]>;

/** "3 params changed, 1 added": the noun goes with the first non-zero count only. */
export function countPhrase(noun: string, counts: Counts): string {
  const parts: string[] = [];
  for (const [verb, n] of counts) {
    if (n === 0) continue;
    parts.push(parts.length === 0 ? `${n} ${plural(noun, n)} ${verb}` : `${n} ${verb}`);
  }
  return parts.join(', ');
}

const plural = (noun: string, n: number): string => (n === 1 ? noun : `${noun}s`);
const real = (kind: string): boolean => kind === 'added' || kind === 'removed' || kind === 'changed';
const withNoise = (text: string, noise: string[]): string => (noise.length ? `${text} (${noise.join(', ')})` : text);

function byKind<E extends { kind: string; counted: boolean }>(entries: readonly E[], kinds: string[]): Counts {
  return kinds.map((k) => [k, entries.filter((e) => e.kind === k && e.counted).length]);
}

function paramNoise(entries: readonly QueryDiffEntry[]): string[] {
  const noise: string[] = [];
  const enc = entries.filter((e) => e.kind === 'encoding-only').length;
  if (enc) noise.push(`${enc} encoding-only`);
  const num = entries.filter((e) => e.kind === 'changed' && e.numericEqual && !e.counted && !e.ignored).length;
  if (num) noise.push(`${num} numerically equal`);
  if (entries.some((e) => e.kind === 'order' && !e.counted)) noise.push('order differs');
  const ign = entries.filter((e) => e.kind !== 'order' && e.ignored && real(e.kind)).length;
  if (ign) noise.push(`${ign} ignored`);
  return noise;
}

export function summarizeParams(entries: readonly QueryDiffEntry[], noun: string): string {
  const main = countPhrase(noun, byKind(entries, ['changed', 'added', 'removed']));
  const order = entries.some((e) => e.kind === 'order' && e.counted) ? `${noun} order changed` : '';
  const text = [main, order].filter(Boolean).join(', ') || `${noun}s identical`;
  return withNoise(text, paramNoise(entries));
}

export function summarizeHeaders(entries: readonly HeaderDiffEntry[]): string {
  const main = countPhrase('header', byKind(entries, ['changed', 'added', 'removed']));
  const order = entries.some((e) => e.kind === 'order' && e.counted) ? 'header order changed' : '';
  const noise: string[] = [];
  if (entries.some((e) => e.kind === 'order' && !e.counted)) noise.push('order differs');
  if (entries.some((e) => e.kind !== 'order' && e.casing)) noise.push('name casing differs');
  const vol = entries.filter((e) => e.kind !== 'order' && e.volatile && !e.ignored && !e.counted && real(e.kind));
  if (vol.length) noise.push(`${vol.length} volatile`);
  const ign = entries.filter((e) => e.kind !== 'order' && e.ignored && real(e.kind)).length;
  if (ign) noise.push(`${ign} ignored`);
  return withNoise([main, order].filter(Boolean).join(', ') || 'headers identical', noise);
}

function jsonNoise(entries: readonly JsonDiffEntry[]): string[] {
  const noise: string[] = [];
  const enc = entries.filter((e) => e.kind === 'encoding-only').length;
  if (enc) noise.push(`${enc} encoding-only`);
  const num = entries.filter((e) => e.numericEqual && !e.counted && !e.ignored).length;
  if (num) noise.push(`${num} numerically equal`);
  if (entries.some((e) => e.kind === 'order')) noise.push('key order differs');
  const ign = entries.filter((e) => e.ignored).length;
  if (ign) noise.push(`${ign} ignored`);
  return noise;
}

export function summarizeBody(body: BodyDiff): string {
  if (body.ignored) return 'body ignored';
  switch (body.kind) {
    case 'empty':
      return 'body empty';
    case 'json': {
      const main = countPhrase('path', byKind(body.entries, ['changed', 'added', 'removed', 'moved']));
      return withNoise(main ? `body: ${main}` : 'body identical', jsonNoise(body.entries));
    }
    case 'form': {
      const text = summarizeParams(body.entries, 'field');
      return body.identical ? withNoise('body identical', paramNoise(body.entries)) : `body: ${text}`;
    }
    case 'text': {
      const main = countPhrase('line', [['added', body.linesAdded], ['removed', body.linesRemoved]]);
      return main ? `body: ${main}` : 'body identical';
    }
    case 'binary':
      return body.identical
        ? 'body identical'
        : `body: binary differs (${body.left.size} B vs ${body.right.size} B)`;
  }
}

export function summarize(diff: Omit<ExchangeDiff, 'summary'>): string {
  const parts: string[] = [];
  if (diff.method.counted) parts.push(`method ${diff.method.left} → ${diff.method.right}`);
  if (diff.path.counted) parts.push('path changed');
  parts.push(summarizeParams(diff.query, 'param'));
  parts.push(summarizeHeaders(diff.headers));
  parts.push(summarizeBody(diff.body));
  return parts.join(', ');
}
