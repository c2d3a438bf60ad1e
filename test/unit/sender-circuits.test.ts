/**
 * Everflow deactivates a postback after 10 consecutive failures within 72 hours (issue 12; the
 * preset in src/sender/retry-presets.ts): the circuit, on a real SQLite database, counts the run
 * and checks that its last 10 failures fit in the window.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { CircuitsRepository } from '../../src/store/outbox-repository.js';

const hour = 3_600_000;
const WINDOW = 72 * hour;

describe('disable after 10 consecutive failures within 72 h', () => {
  it('10 failures 7 h apart (63 h) switch the destination off', () => {
    const circuits = new CircuitsRepository(openDatabase(':memory:'));
    for (let i = 0; i < 9; i++) expect(circuits.recordFailure('template:1', 10, '503', i * 7 * hour, WINDOW).disabledAt).toBeNull();
    expect(circuits.recordFailure('template:1', 10, '503', 9 * 7 * hour, WINDOW).disabledAt).toBe(63 * hour);
  });

  it('10 failures 9 h apart (81 h) do not; the window slides, so the next one close enough does', () => {
    const circuits = new CircuitsRepository(openDatabase(':memory:'));
    for (let i = 0; i < 10; i++) expect(circuits.recordFailure('k', 10, '503', i * 9 * hour, WINDOW).disabledAt).toBeNull();
    expect(circuits.get('k')!.consecutiveFailures).toBe(10);
    // Failures 2..11 at 9 h … 81 h + 1 h: the last 10 span 73 h, still out; then 10 within 72 h.
    expect(circuits.recordFailure('k', 10, '503', 82 * hour, WINDOW).disabledAt).toBeNull();
    for (let t = 83; t < 90; t++) circuits.recordFailure('k', 10, '503', t * hour, WINDOW);
    expect(circuits.get('k')!.disabledAt).not.toBeNull();
  });

  it('a success ends the run', () => {
    const circuits = new CircuitsRepository(openDatabase(':memory:'));
    for (let i = 0; i < 9; i++) circuits.recordFailure('k', 10, '503', i * hour, WINDOW);
    circuits.recordSuccess('k');
    expect(circuits.recordFailure('k', 10, '503', 10 * hour, WINDOW).disabledAt).toBeNull();
    expect(circuits.get('k')!.consecutiveFailures).toBe(1);
  });
});
