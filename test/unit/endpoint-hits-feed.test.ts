/**
 * The hit-count feed: pushes counts only while watched, coalesces a burst of commits into one
 * count of just the endpoints that changed, and recounts every endpoint when a change cannot
 * name its endpoints (a delete, a clear).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EndpointHitsFeed } from '../../src/endpoints/endpoint-hits-feed.js';
import { EndpointHits, type EndpointHitCount } from '../../src/endpoints/endpoint-hits.js';
import { CoreEvents } from '../../src/events.js';
import type { EndpointHitsRepository, HitMark } from '../../src/store/endpoint-hits-repository.js';
import type { StoredExchange } from '../../src/store/exchange-record.js';

let events: CoreEvents;
let asked: number[][];
let pushed: EndpointHitCount[][];
let hits: EndpointHits;
let feed: EndpointHitsFeed;

const row = (id: number, endpointId: number | null, direction: 'in' | 'out' = 'in'): StoredExchange => ({ id, endpointId, direction }) as StoredExchange;

beforeEach(() => {
  vi.useFakeTimers();
  events = new CoreEvents();
  asked = [];
  pushed = [];
  // Every endpoint has 5 captures: what is counted is not the point here, which ones are.
  const repository = {
    counts: (marks: readonly HitMark[]) => {
      asked.push(marks.map((m) => m.endpointId));
      return new Map(marks.map((m) => [m.endpointId, { total: 5, recent: 5 }]));
    },
  } as unknown as EndpointHitsRepository;
  hits = new EndpointHits(repository, () => 0);
  feed = new EndpointHitsFeed(events, hits, () => [1, 2, 3]);
  events.on('endpoint-hits', (items) => pushed.push(items));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('EndpointHitsFeed', () => {
  it('counts nothing while nobody watches', () => {
    events.emit('committed', [row(1, 1)]);
    vi.advanceTimersByTime(1000);
    expect(asked).toEqual([]);
  });

  it('coalesces a burst of commits into one count of the inbound endpoints it touched', () => {
    feed.watch();
    events.emit('committed', [row(1, 2), row(2, null), row(3, 3, 'out')]);
    events.emit('committed', [row(4, 1), row(5, 2)]);
    vi.advanceTimersByTime(99);
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(asked).toEqual([[2, 1]]);
    expect(pushed.map((items) => items.map((h) => h.endpointId))).toEqual([[2, 1]]);
    // Nothing changed since: no second count.
    vi.advanceTimersByTime(1000);
    expect(asked).toHaveLength(1);
  });

  it('skips commits with no inbound endpoint row', () => {
    feed.watch();
    events.emit('committed', [row(1, null), row(2, 3, 'out')]);
    vi.advanceTimersByTime(1000);
    expect(asked).toEqual([]);
  });

  it('recounts every endpoint after a delete or a clear, and the reset one after a reset', () => {
    feed.watch();
    events.emit('deleted', [7]);
    vi.advanceTimersByTime(100);
    events.emit('cleared', undefined);
    vi.advanceTimersByTime(100);
    hits.reset(2);
    vi.advanceTimersByTime(100);
    expect(asked).toEqual([[1, 2, 3], [1, 2, 3], [2]]);
  });

  it('stops when the last watcher leaves, dropping a pending count', () => {
    const first = feed.watch();
    const second = feed.watch();
    first();
    first(); // leaving twice must not count as the other watcher leaving
    events.emit('committed', [row(1, 1)]);
    vi.advanceTimersByTime(100);
    expect(asked).toEqual([[1]]);
    events.emit('committed', [row(2, 1)]);
    second();
    vi.advanceTimersByTime(1000);
    hits.reset(1);
    vi.advanceTimersByTime(1000);
    expect(asked).toEqual([[1]]);
  });
});
