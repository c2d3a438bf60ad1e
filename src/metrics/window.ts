/**
 * Splits a query window into the cheapest exact pieces: whole hours from the hour rollup, whole
 * minutes from the minute rollup, and the sub-minute edges from the facts themselves. Pure.
 */
import type { Bucket } from '../model/metrics.js';
import { DAY, HOUR, MINUTE } from './contribution.js';

export type PieceSource = 'day' | 'hour' | 'minute' | 'facts';

export interface Piece {
  source: PieceSource;
  from: number;
  to: number;
}

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;
const ceilTo = (t: number, step: number): number => Math.ceil(t / step) * step;

/** Series per minute up to 6 hours, per hour beyond: at most ~360 points either way for short windows. */
export function bucketFor(from: number, to: number, asked: Bucket | null = null): Bucket {
  if (asked === 'minute' && to - from <= 48 * HOUR) return 'minute';
  if (asked === 'hour') return 'hour';
  return to - from <= 6 * HOUR ? 'minute' : 'hour';
}

export function splitWindow(from: number, to: number, useHours: boolean): Piece[] {
  if (to <= from) return [];
  const pieces: Piece[] = [];
  const mFrom = ceilTo(from, MINUTE);
  const mTo = floorTo(to, MINUTE);
  if (mFrom >= mTo) return [{ source: 'facts', from, to }];
  if (from < mFrom) pieces.push({ source: 'facts', from, to: mFrom });
  const hFrom = ceilTo(mFrom, HOUR);
  const hTo = floorTo(mTo, HOUR);
  if (useHours && hFrom < hTo) {
    if (mFrom < hFrom) pieces.push({ source: 'minute', from: mFrom, to: hFrom });
    pieces.push({ source: 'hour', from: hFrom, to: hTo });
    if (hTo < mTo) pieces.push({ source: 'minute', from: hTo, to: mTo });
  } else {
    pieces.push({ source: 'minute', from: mFrom, to: mTo });
  }
  if (mTo < to) pieces.push({ source: 'facts', from: mTo, to });
  return pieces;
}

/** For the histogram: whole days, then whole hours, then the rest (from the facts). */
export function splitForHistogram(from: number, to: number): Piece[] {
  const dFrom = ceilTo(from, DAY);
  const dTo = floorTo(to, DAY);
  if (dFrom >= dTo) return splitWindow(from, to, true);
  return [...splitWindow(from, dFrom, true), { source: 'day', from: dFrom, to: dTo }, ...splitWindow(dTo, to, true)];
}

/** The parts of the window outside whole hours (where the hour histogram cannot answer). */
export function outsideHours(pieces: readonly Piece[]): Array<[number, number]> {
  return pieces.filter((p) => p.source !== 'hour' && p.source !== 'day').map((p) => [p.from, p.to]);
}
