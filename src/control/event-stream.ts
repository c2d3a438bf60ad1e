import type { FastifyInstance } from 'fastify';
import { summaryFromStored } from '../exchange-views.js';
import type { Core } from '../index.js';
import type { ControlEvent, ExchangeSummary } from '../model/exchange.js';

const flushEveryMs = 100;
/** Past this many rows in one flush the client is told to refetch rather than fed them all. */
const maxRowsPerFlush = 500;
const statusEveryMs = 1000;
const heartbeatEveryMs = 15_000;

/**
 * Server-Sent Events for the UI: new rows are batched per 100 ms so a burst of thousands of
 * captures costs the browser a few messages, not thousands.
 */
export function registerEventStream(api: FastifyInstance, core: Core): void {
  const open = new Set<() => void>();
  api.addHook('onClose', async () => {
    for (const end of open) end();
  });

  api.get('/api/events', { schema: { description: 'Server-Sent Events: `data: <ControlEvent JSON>`', tags: ['events'] } }, (request, reply) => {
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
      core.events.on('committed', (rows) => {
        if (overflow > 0 || pending.length + rows.length > maxRowsPerFlush) {
          overflow += pending.length + rows.length;
          pending = [];
        } else {
          for (const row of rows) pending.push(summaryFromStored(row, core.exchanges.isDuplicate(row.correlation, row.id), core.config.limits.maxDecodedBytes));
        }
      }),
      core.events.on('deleted', (ids) => write({ type: 'deleted', ids })),
      core.events.on('baseline-results', (items) => write({ type: 'baseline-results', items })),
      core.events.on('verdicts', (items) => write({ type: 'verdicts', items })),
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
