import type { OutboxItem } from '../../../src/model/sender';

/** One line of the Outbox list: a single send, or a bulk run with its loaded sends. */
export type OutboxBlock = { kind: 'send'; item: OutboxItem } | { kind: 'run'; bulkId: string; items: OutboxItem[] };

/**
 * Groups the newest-first list by bulk run: a run sits where its newest loaded send is, with all
 * its loaded sends under it, even when single sends were made while it ran (its rows interleave).
 */
export function groupByRun(items: readonly OutboxItem[]): OutboxBlock[] {
  const blocks: OutboxBlock[] = [];
  const runs = new Map<string, OutboxItem[]>();
  for (const item of items) {
    if (item.bulkId === null) {
      blocks.push({ kind: 'send', item });
      continue;
    }
    const run = runs.get(item.bulkId);
    if (run) run.push(item);
    else {
      const fresh = [item];
      runs.set(item.bulkId, fresh);
      blocks.push({ kind: 'run', bulkId: item.bulkId, items: fresh });
    }
  }
  return blocks;
}
