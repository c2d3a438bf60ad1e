import { describe, expect, it } from 'vitest';
import { LoadMeter } from '../../src/pipeline/load-meter.js';

function meterAt(start = 1000): { meter: LoadMeter; advance: (ms: number) => void } {
  let now = start;
  return { meter: new LoadMeter(() => now), advance: (ms) => void (now += ms) };
}

describe('LoadMeter', () => {
  it('is idle before any notice', () => {
    expect(meterAt().meter.busy()).toBe(false);
  });

  it('calls a loop busy most of its time busy, whatever the capture rate', () => {
    const { meter, advance } = meterAt();
    for (let i = 0; i < 10; i++) {
      advance(10);
      meter.add(8, 10);
    }
    expect(meter.busy()).toBe(true);
  });

  it('does not call a steady stream busy while the loop is mostly idle (300 postbacks/s keep it ~1 % busy)', () => {
    const { meter, advance } = meterAt();
    for (let i = 0; i < 30; i++) {
      advance(10);
      meter.add(0.1, 10);
    }
    expect(meter.busy()).toBe(false);
  });

  it('calls the receiver idle as soon as the notices stop (100 ms), so a backlog is not left for a window', () => {
    const { meter, advance } = meterAt();
    meter.add(10, 10);
    expect(meter.busy()).toBe(true);
    advance(90);
    expect(meter.busy()).toBe(true);
    advance(20);
    expect(meter.busy()).toBe(false);
  });

  it('sees a load start right after a quiet spell (the spell does not dilute it)', () => {
    const { meter, advance } = meterAt();
    advance(60_000);
    meter.add(5, 60_000); // the first notice after a minute idle
    // Notices come every 10 ms under load: busy within the first 50 ms of it.
    for (let i = 0; i < 5; i++) {
      advance(10);
      meter.add(10, 10);
    }
    expect(meter.busy()).toBe(true);
  });
});
