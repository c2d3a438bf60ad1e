/**
 * Body comparison: classify each side, pick one comparison both sides support, run it.
 * Sides of different kinds fall back to the most structured comparison they share
 * (form+empty → form, any two texts → text lines, anything with binary → bytes).
 */
import { bytesEqual, diffBinary } from './binary-diff.js';
import { classifyBody, type ClassifiedBody } from './body-kind.js';
import type { IgnoreMatcher } from './ignore.js';
import { diffJson } from './json-diff.js';
import { diffParamStrings } from './params.js';
import { sha256Hex } from './sha256.js';
import { diffText } from './text-diff.js';
import type { BodyDiff, BodyKind, JsonDiffEntry, QueryDiffEntry } from './types.js';

export interface BodySide {
  body: Uint8Array;
  contentType: string | null;
}

export interface BodyDiffOptions {
  ignore: IgnoreMatcher;
  paramOrder: boolean;
  jsonArrays: 'index' | 'move-aware';
  sha256?: (bytes: Uint8Array) => string;
}

export function diffBody(left: BodySide, right: BodySide, opts: BodyDiffOptions): BodyDiff {
  const cl = classifyBody(left.body, left.contentType);
  const cr = classifyBody(right.body, right.contentType);
  const kind = commonKind(cl.kind, cr.kind);
  const same = bytesEqual(left.body, right.body);
  const ignored = opts.ignore.wholeBody;
  const notes: string[] = [];
  if (cl.note) notes.push(`left: ${cl.note}`);
  if (cr.note) notes.push(`right: ${cr.note}`);
  if (cl.kind !== cr.kind && cl.kind !== 'empty' && cr.kind !== 'empty') {
    notes.push(`left body is ${cl.kind}, right body is ${cr.kind}; compared as ${kind}`);
  }
  const base = { leftKind: cl.kind, rightKind: cr.kind, bytesEqual: same, ignored, notes };
  // A whole-body ignore keeps the details visible but makes none of them count.
  const finish = <T extends BodyDiff>(d: T, counted: number): T => {
    const differences = ignored ? 0 : counted;
    if (!same && differences === 0 && !ignored) notes.push(formattingNote(kind));
    return { ...d, differences, identical: differences === 0 };
  };
  const mute = <E extends JsonDiffEntry | QueryDiffEntry>(entries: E[]): E[] =>
    ignored ? entries.map((e) => ({ ...e, counted: false, ...('ignored' in e ? { ignored: true } : {}) })) : entries;

  const start = { ...base, differences: 0, identical: true };
  const countOf = (entries: ReadonlyArray<{ counted: boolean }>): number => entries.filter((e) => e.counted).length;

  switch (kind) {
    case 'empty':
      return finish({ ...start, kind }, 0);
    case 'json': {
      const entries = mute(jsonEntries(cl, cr, same, opts, (n) => notes.push(n)));
      return finish({ ...start, kind, entries }, countOf(entries));
    }
    case 'form': {
      const formOpts = { scope: 'form' as const, ignore: opts.ignore, orderCounts: opts.paramOrder };
      const entries = mute(diffParamStrings(cl.text ?? '', cr.text ?? '', formOpts));
      return finish({ ...start, kind, entries }, countOf(entries));
    }
    case 'text': {
      const { hunks, linesAdded, linesRemoved, notes: textNotes } = diffText(cl.text ?? '', cr.text ?? '');
      notes.push(...textNotes);
      return finish({ ...start, kind, hunks, linesAdded, linesRemoved }, linesAdded + linesRemoved);
    }
    case 'binary': {
      const b = diffBinary(left.body, right.body, opts.sha256 ?? sha256Hex);
      return finish({ ...start, kind, ...b }, same ? 0 : 1);
    }
  }
}

function jsonEntries(
  cl: ClassifiedBody,
  cr: ClassifiedBody,
  same: boolean,
  opts: BodyDiffOptions,
  onNote: (note: string) => void,
): JsonDiffEntry[] {
  if (same || !cl.json || !cr.json) return [];
  const jsonOpts = { ignore: opts.ignore, arrays: opts.jsonArrays, onNote };
  return diffJson(cl.text ?? '', cl.json, cr.text ?? '', cr.json, jsonOpts);
}

export function commonKind(a: BodyKind, b: BodyKind): BodyKind {
  if (a === b) return a;
  if (a === 'binary' || b === 'binary') return 'binary';
  if ((a === 'empty' && b === 'form') || (a === 'form' && b === 'empty')) return 'form';
  return 'text';
}

function formattingNote(kind: BodyKind): string {
  if (kind === 'json') return 'bytes differ only in formatting (whitespace, escapes or key order)';
  if (kind === 'form') return 'bytes differ only in encoding or empty segments';
  return 'bytes differ but decode to the same content';
}
