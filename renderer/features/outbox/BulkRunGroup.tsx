import { useStore } from 'zustand';
import type { BulkRunTally, OutboxItem } from '../../../src/model/sender';
import { formatCount, relativeTime } from '../../lib/format';
import { clockStore } from '../../store/clock';
import { clearFinished, outboxRunsStore, retryAllFailed, toggleRun } from '../../store/outbox-runs';
import { OutboxRow } from './OutboxRow';

/** Counts from the loaded rows, when the run's tally is not known (yet): marked as such. */
function tallyOfLoaded(bulkId: string, items: readonly OutboxItem[]): BulkRunTally {
  const count = (pick: (i: OutboxItem) => boolean) => items.filter(pick).length;
  return {
    bulkId,
    sends: items.length,
    delivered: count((i) => i.state === 'delivered'),
    failed: count((i) => i.state === 'failed'),
    disabled: count((i) => i.state === 'disabled'),
    cancelled: count((i) => i.state === 'cancelled'),
    open: count((i) => i.state === 'pending' || i.state === 'in_flight'),
    attempts: items.reduce((n, i) => n + i.attempts, 0),
    retried: count((i) => i.attempts > 1),
    firstAt: Math.min(...items.map((i) => i.createdAt)),
    lastAt: Math.max(...items.map((i) => i.updatedAt)),
  };
}

/** A bulk run in the Outbox list: a header with the run's counts that folds its sends away. */
export function BulkRunGroup({ bulkId, items, selected }: { bulkId: string; items: OutboxItem[]; selected: number | null }) {
  const known = useStore(outboxRunsStore, (s) => s.tallies[bulkId] ?? null);
  const expanded = useStore(outboxRunsStore, (s) => s.expanded[bulkId] === true);
  const busy = useStore(outboxRunsStore, (s) => s.busy !== null);
  const now = useStore(clockStore, (n) => n);
  const tally = known ?? tallyOfLoaded(bulkId, items);
  const failed = tally.failed + tally.disabled;
  const finished = tally.delivered + tally.failed + tally.cancelled;
  return (
    <li className="ob-group" data-testid="outbox-group" data-bulk-id={bulkId}>
      <div className="ob-group-head">
        <button type="button" className="ob-group-toggle" aria-expanded={expanded} onClick={() => toggleRun(bulkId)} title={`Bulk run ${bulkId}`} data-testid="outbox-group-toggle">
          <span className="ob-caret" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          <span className="badge badge-replay">bulk</span>
          <span className="ob-group-counts small num" data-testid="outbox-group-counts">
            {formatCount(tally.sends)} {tally.sends === 1 ? 'send' : 'sends'} · <span className="text-ok">✓ {formatCount(tally.delivered)}</span> ·{' '}
            <span className={failed ? 'text-error' : ''}>✕ {formatCount(failed)}</span>
            {tally.cancelled ? ` · ⊘ ${formatCount(tally.cancelled)}` : ''}
            {tally.open ? ` · ${formatCount(tally.open)} open` : ''} · {formatCount(tally.attempts)} {tally.attempts === 1 ? 'attempt' : 'attempts'} · {formatCount(tally.retried)} retried
          </span>
          {known ? null : <span className="muted small" title="Counted from the loaded rows only">(loaded)</span>}
          <span className="spacer" />
          <span className="muted small num" title={new Date(tally.firstAt).toISOString()}>
            {relativeTime(tally.firstAt, now)}
          </span>
        </button>
        {failed ? (
          <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => void retryAllFailed(bulkId)} title="Send this run's failed and disabled sends again now" data-testid="outbox-group-retry">
            Retry failed
          </button>
        ) : null}
        {finished ? (
          <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => void clearFinished(bulkId)} title="Delete this run's delivered, failed and cancelled sends" data-testid="outbox-group-clear">
            Clear
          </button>
        ) : null}
      </div>
      {expanded ? (
        <ol className="ob-list ob-group-list" aria-label={`Sends of bulk run ${bulkId}`}>
          {items.map((item) => (
            <OutboxRow key={item.id} item={item} selected={item.id === selected} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
