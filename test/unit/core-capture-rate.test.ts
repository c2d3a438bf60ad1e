import { describe, expect, it } from 'vitest';
import { CaptureRate } from '../../src/capture-rate.js';

const at = (seconds: number): number => seconds * 1000;

describe('CaptureRate', () => {
  it('is 0 with nothing captured', () => {
    expect(new CaptureRate().perSecond(at(100))).toBe(0);
  });

  it('averages the last complete seconds, leaving out the current one', () => {
    const rate = new CaptureRate();
    rate.add(30, at(97.1));
    rate.add(30, at(98.5));
    rate.add(30, at(99.9));
    rate.add(1000, at(100.2)); // the current second: not complete yet
    expect(rate.perSecond(at(100.5))).toBe(30);
    // A second later the big second is complete and 97 slides out.
    expect(rate.perSecond(at(101.0))).toBe((30 + 30 + 1000) / 3);
  });

  it('adds counts that land in the same second', () => {
    const rate = new CaptureRate();
    rate.add(5, at(10.0));
    rate.add(7, at(10.999));
    expect(rate.perSecond(at(11.0), 1)).toBe(12);
  });

  it('honours the window', () => {
    const rate = new CaptureRate();
    rate.add(60, at(50.5));
    expect(rate.perSecond(at(51.0), 1)).toBe(60);
    expect(rate.perSecond(at(51.0), 6)).toBe(10);
    expect(rate.perSecond(at(55.0), 3)).toBe(0);
  });

  it('forgets buckets older than ten seconds when new counts arrive', () => {
    const rate = new CaptureRate();
    rate.add(90, at(20.5));
    expect(rate.perSecond(at(21.5))).toBe(30);
    rate.add(1, at(40.0)); // prunes second 20
    expect(rate.perSecond(at(21.5))).toBe(0);
  });
});
