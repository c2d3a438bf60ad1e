import { describe, expect, it } from 'vitest';
import { FailurePicker, failurePercentError, markedCount } from '../../src/shared/injected-failure.js';

const marks = (total: number, percent: number, seed: number): number[] => {
  const picker = new FailurePicker(total, percent, seed);
  return Array.from({ length: total }, (_, i) => i).filter(() => picker.next());
};

describe('bulk failure picker', () => {
  it('marks exactly the share asked for, rounded to a whole conversion', () => {
    expect(marks(40, 25, 1)).toHaveLength(10);
    expect(marks(1000, 12.5, 7)).toHaveLength(125);
    expect(marks(3, 50, 1)).toHaveLength(markedCount(3, 50));
    expect(marks(10, 0, 1)).toEqual([]);
    expect(marks(10, 100, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('marks the same conversions for the same seed, and others for another seed', () => {
    expect(marks(200, 10, 42)).toEqual(marks(200, 10, 42));
    expect(marks(200, 10, 42)).not.toEqual(marks(200, 10, 43));
  });

  it('spreads the marks over the run rather than bunching them at the start', () => {
    const picked = marks(1000, 10, 3);
    expect(picked.filter((i) => i < 500).length).toBeGreaterThan(20);
    expect(picked.filter((i) => i >= 500).length).toBeGreaterThan(20);
  });

  it('marks nothing past the run', () => {
    const picker = new FailurePicker(2, 100, 1);
    expect([picker.next(), picker.next(), picker.next()]).toEqual([true, true, false]);
  });

  it('accepts 0–100 only', () => {
    expect(failurePercentError(undefined)).toBeNull();
    expect(failurePercentError(0)).toBeNull();
    expect(failurePercentError(100)).toBeNull();
    expect(failurePercentError(33.3)).toBeNull();
    for (const bad of [-1, 100.5, Number.NaN, '10', null]) expect(failurePercentError(bad)).toBe('failure percent must be a number from 0 to 100');
  });
});
