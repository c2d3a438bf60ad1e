import type { FastifyInstance } from 'fastify';
import type { Core } from '../index.js';
import { streamPaths } from '../shared/api/index.js';
import type { ControlEvent, ExchangeSummary } from '../model/exchange.js';

/** The event stream forwards core events and stored summaries; it reads the newest id to know where live rows start. */
export type EventStreamCore = Pick<Core, 'events' | 'status' | 'exchanges' | 'derived' | 'endpointHitsFeed'>;

const flushEveryMs = 100;
/** Past this many rows in one flush the client is told to refetch rather than fed them all. */
const maxRowsPerFlush = 500;
const statusEveryMs = 1000;
const heartbeatEveryMs = 15_000;

/**
 * Server-Sent Events for the UI: rows come from the derivation pipeline already enriched (key
 * params, verdict, baselines, duplicate flag); this only batches them per 100 ms, so a burst of
 * thousands of captures costs the browser a few messages. Nothing is decoded here.
 */
export function registerEventStream(api: FastifyInstance, core: EventStreamCore): void {
  const open = new Set<() => void>();
  api.addHook('onClose', async () => {
    for (const end of open) end();
  });

  api.get(streamPaths.events, { schema: { description: 'Server-Sent Events: `data: <ControlEvent JSON>`', tags: ['events'] } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const write = (event: ControlEvent): void => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    let pending: ExchangeSummary[] = [];
    let overflow = 0;
    const flush = (): void => {
      if (overflow > 0) write({ type: 'overflow', count: overflow });
      else if (pending.length > 0) write({ type: 'exchanges', items: pending.reverse() });
      pending = [];
      overflow = 0;
    };
    const unsubscribe = [
      core.derived.watch(core.exchanges.maxId()),
      core.endpointHitsFeed.watch(),
      core.events.on('derived', (rows) => {
        if (overflow > 0 || pending.length + rows.length > maxRowsPerFlush) {
          overflow += pending.length + rows.length;
          pending = [];
        } else {
          // Oldest first from the pipeline; the stream has always sent newest first.
          for (const row of rows) pending.push(row);
        }
      }),
      core.events.on('derived-overflow', (count) => {
        overflow += pending.length + count;
        pending = [];
      }),
      core.events.on('derived-updated', (items) => write({ type: 'exchanges-updated', items })),
      core.events.on('deleted', (ids) => write({ type: 'deleted', ids })),
      core.events.on('baseline-results', (items) => write({ type: 'baseline-results', items })),
      core.events.on('verdicts', (items) => write({ type: 'verdicts', items })),
      // Already coalesced by the feed (one count per window), so not held for the flush.
      core.events.on('endpoint-hits', (items) => write({ type: 'endpoint-hits', items })),
      core.events.on('cleared', () => {
        pending = [];
        overflow = 0;
        write({ type: 'cleared' });
      }),
    ];
    const timers = [
      setInterval(flush, flushEveryMs),
      setInterval(() => write({ type: 'status', status: core.status() }), statusEveryMs),
      setInterval(() => res.write(': keep-alive\n\n'), heartbeatEveryMs),
    ];
    const end = (): void => {
      for (const stop of unsubscribe) stop();
      for (const timer of timers) clearInterval(timer);
      open.delete(end);
      res.end();
    };
    open.add(end);
    request.raw.on('close', end);
    write({ type: 'status', status: core.status() });
  });
}
