import { describe, expect, it } from 'vitest';
import { CHAR_PX, GAP_PX, labelStride, labelTicks } from '../../renderer/features/metrics/axis-ticks.js';

describe('histogram x-axis labels', () => {
  it('shows every label when they fit', () => {
    expect(labelTicks(['1 ms', '2 ms', '3 ms'], 600)).toEqual([0, 1, 2]);
  });

  it('thins labels on a narrow chart so neighbours never overlap', () => {
    const labels = Array.from({ length: 30 }, (_, i) => `${(i * 1.7).toFixed(1)} ms`);
    const width = 320;
    const ticks = labelTicks(labels, width);
    // Drawn labels are k slots apart; each slot is width/30 px, and k slots must hold the longest label.
    const k = (ticks[1] ?? 0) - (ticks[0] ?? 0);
    const longest = Math.max(...labels.map((l) => l.length));
    expect(k * (width / labels.length)).toBeGreaterThanOrEqual(longest * CHAR_PX);
    expect(ticks.length * (longest * CHAR_PX + GAP_PX)).toBeLessThanOrEqual(width);
  });

  it('never returns a zero stride', () => {
    expect(labelStride(0, 0, 0)).toBe(1);
    expect(labelStride(10, 5, 20)).toBe(10);
  });
});
