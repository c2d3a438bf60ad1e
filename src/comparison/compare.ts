/**
 * The one place the service, the baseline checker and the CLI run the engine, so all three
 * answer the same for the same two requests.
 */
import { createHash } from 'node:crypto';
import { diffExchanges, type ExchangeDiff } from '../diff/index.js';
import type { AppliedOptions } from '../model/comparison.js';
import { displayDiff } from './display.js';
import type { PreparedSide } from './sides.js';

// The engine's pure SHA-256 is for the browser; Node's is much faster on large binary bodies.
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function compareSides(left: PreparedSide, right: PreparedSide, options: AppliedOptions): ExchangeDiff {
  const diff = diffExchanges(left.side, right.side, { ...options, sha256 });
  const notes = [...left.notes, ...right.notes];
  const withNotes = notes.length ? { ...diff, body: { ...diff.body, notes: [...notes, ...diff.body.notes] } } : diff;
  return displayDiff(withNotes);
}
