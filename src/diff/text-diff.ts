/**
 * Line-by-line text comparison (jsdiff's Myers diff), as hunks with line numbers on both sides.
 * The edit length is capped so two large, unrelated bodies cannot stall the UI; past the cap the
 * result says so instead of pretending to be a diff.
 */
import { diffLines } from 'diff';
import type { TextHunk } from './types.js';

export interface TextDiff {
  hunks: TextHunk[];
  linesAdded: number;
  linesRemoved: number;
  notes: string[];
}

export const MAX_EDIT_LENGTH = 10_000;

export function diffText(left: string, right: string): TextDiff {
  const notes: string[] = [];
  if (left !== right && left.replace(/\r\n/g, '\n') === right.replace(/\r\n/g, '\n')) {
    notes.push('texts differ only in line endings (CRLF vs LF)');
  }
  const changes = diffLines(left, right, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) {
    notes.push(`too many differences for a line diff (more than ${MAX_EDIT_LENGTH} edits)`);
    return { hunks: [], linesAdded: countLines(right), linesRemoved: countLines(left), notes };
  }
  const hunks: TextHunk[] = [];
  let leftLine = 1;
  let rightLine = 1;
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const c of changes) {
    const lines = splitLines(c.value);
    const kind = c.added ? 'added' : c.removed ? 'removed' : 'unchanged';
    hunks.push({ kind, lines, leftStart: leftLine, rightStart: rightLine });
    if (kind !== 'added') leftLine += lines.length;
    if (kind !== 'removed') rightLine += lines.length;
    if (kind === 'added') linesAdded += lines.length;
    if (kind === 'removed') linesRemoved += lines.length;
  }
  if (left.endsWith('\n') !== right.endsWith('\n') && left !== '' && right !== '') {
    notes.push('one side lacks the final newline');
  }
  return { hunks, linesAdded, linesRemoved, notes };
}

/** Lines without their terminators; a final newline does not start another (empty) line. */
function splitLines(value: string): string[] {
  if (value === '') return [];
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function countLines(text: string): number {
  return splitLines(text).length;
}
