import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, SkeletonRows, useDelayed } from '../../components/Skeleton';
import { SplitPane } from '../../components/SplitPane';
import {
  DEFAULT_OUTBOX_LIST_WIDTH,
  loadCircuits,
  loadOlderOutbox,
  loadOutbox,
  loadOutboxItem,
  outboxStore,
  setOutboxFilter,
  setOutboxListWidth,
  useSenderEvents,
  type OutboxFilter,
} from '../../store/outbox';
import { loadBulkRuns, watchBulkRuns } from '../../store/outbox-runs';
import { settingsStore } from '../../store/settings';
import '../../styles/outbox.css';
import { BulkRunGroup } from './BulkRunGroup';
import { Circuits } from './Circuits';
import { groupByRun } from './group-by-run';
import { OutboxActions } from './OutboxActions';
import { OutboxRow } from './OutboxRow';
import { SendSummary } from './SendSummary';

const FILTERS: ReadonlyArray<readonly [OutboxFilter, string]> = [
  ['all', 'All'],
  ['queued', 'Pending'],
  ['retrying', 'Retrying'],
  ['delivered', 'Delivered'],
  ['failed', 'Failed'],
  ['cancelled', 'Cancelled'],
  ['disabled', 'Disabled'],
];

const NO_ATTEMPTS: never[] = [];

/** Postbacks sent from here (composer, replays, bulk runs): state, attempts, next retry; cancel or retry now. */
export function Outbox() {
  const width = useStore(outboxStore, (s) => s.listWidth);
  // Bulk runs are not announced send by send: when one finishes, its rows and counts are read.
  const runsDone = useStore(outboxStore, (s) => Object.values(s.bulk).filter((run) => run.done).length);
  useSenderEvents(() => void loadBulkRuns());
  useEffect(() => {
    void loadOutbox();
    void loadCircuits();
  }, []);
  useEffect(() => watchBulkRuns(), []);
  useEffect(() => {
    if (runsDone === 0) return;
    void loadOutbox();
    void loadBulkRuns();
  }, [runsDone]);
  return (
    <div className="outbox-view" data-testid="outbox-view">
      <SplitPane
        width={width}
        defaultWidth={DEFAULT_OUTBOX_LIST_WIDTH}
        onWidth={setOutboxListWidth}
        left={
          <div className="ob-sidebar">
            <OutboxToolbar />
            <Circuits />
            <OutboxList />
          </div>
        }
        right={<OutboxDetail />}
      />
    </div>
  );
}

function OutboxToolbar() {
  const { filter, count, stream } = useStore(outboxStore, useShallow((s) => ({ filter: s.filter, count: s.items.length, stream: s.stream })));
  return (
    <div className="ob-toolbar">
      <div className="ob-toolbar-line">
        <h2 className="ob-title">
          Outbox <span className="count num">{count}</span>
        </h2>
        <span className={`ob-stream stream stream-${stream === 'unavailable' ? 'unauthorized' : stream}`} title="Live updates from the sender">
          <span className="dot" aria-hidden="true" />
          {stream === 'live' ? 'live' : stream === 'unavailable' ? 'sender not available' : stream === 'retrying' ? 'reconnecting…' : 'connecting…'}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => settingsStore.getState().setView('composer')} title="Compose and send a postback">
          Compose…
        </button>
      </div>
      <div className="segmented ob-filters" role="group" aria-label="Show sends that are">
        {FILTERS.map(([value, label]) => (
          <button key={value} type="button" className="seg" aria-pressed={filter === value} onClick={() => setOutboxFilter(value)} data-testid={`outbox-filter-${value}`}>
            {label}
          </button>
        ))}
      </div>
      <OutboxActions />
    </div>
  );
}

function OutboxList() {
  const { items, phase, error, selected, next, filter, query } = useStore(
    outboxStore,
    useShallow((s) => ({ items: s.items, phase: s.phase, error: s.error, selected: s.selected, next: s.next, filter: s.filter, query: s.query })),
  );
  const blocks = useMemo(() => groupByRun(items), [items]);
  const showSkeleton = useDelayed(phase === 'loading' && items.length === 0);
  if (phase === 'error' && items.length === 0) {
    return (
      <InlineError
        title="Could not load the outbox"
        action={
          <button type="button" className="btn" onClick={() => void loadOutbox()}>
            Retry
          </button>
        }
      >
        {error}
      </InlineError>
    );
  }
  if ((phase === 'loading' || phase === 'idle') && items.length === 0) return showSkeleton ? <SkeletonRows rows={5} height={50} /> : null;
  if (items.length === 0) {
    return (
      <div className="ob-empty muted pad" data-testid="outbox-empty">
        {query ? (
          <p>No sends whose URL contains “{query}”.</p>
        ) : filter === 'all' ? (
          <>
            <p>Nothing sent yet.</p>
            <p className="small">Sends from the Composer, replays of captured postbacks (r in the Inbox) and bulk runs land here with every attempt.</p>
          </>
        ) : (
          <p>No {FILTERS.find(([v]) => v === filter)?.[1].toLowerCase()} sends.</p>
        )}
      </div>
    );
  }
  return (
    <div className="ob-list-wrap">
      <ol className="ob-list" aria-label="Sends, newest first" data-testid="outbox-list">
        {blocks.map((block) =>
          block.kind === 'send' ? (
            <OutboxRow key={block.item.id} item={block.item} selected={block.item.id === selected} />
          ) : (
            <BulkRunGroup key={block.bulkId} bulkId={block.bulkId} items={block.items} selected={selected} />
          ),
        )}
      </ol>
      {next ? (
        <button type="button" className="btn btn-small ob-more" onClick={() => void loadOlderOutbox()}>
          Load older sends
        </button>
      ) : null}
    </div>
  );
}

function OutboxDetail() {
  const selected = useStore(outboxStore, (s) => s.selected);
  const item = useStore(outboxStore, (s) => (s.selected !== null ? (s.byId[s.selected] ?? null) : null));
  const attempts = useStore(outboxStore, (s) => (s.selected !== null ? (s.attempts[s.selected] ?? NO_ATTEMPTS) : NO_ATTEMPTS));
  const error = useStore(outboxStore, (s) => s.detailError);
  const slow = useDelayed(selected !== null && item === null && !error);

  useEffect(() => {
    if (selected === null) return;
    const abort = new AbortController();
    void loadOutboxItem(selected, abort.signal);
    return () => abort.abort();
  }, [selected]);

  if (selected === null) {
    return (
      <div className="detail-placeholder muted">
        <p>Select a send to see its attempts.</p>
      </div>
    );
  }
  if (error && !item) {
    return (
      <div className="detail-placeholder">
        <InlineError
          title="Could not load this send"
          action={
            <button type="button" className="btn" onClick={() => void loadOutboxItem(selected)}>
              Retry
            </button>
          }
        >
          {error}
        </InlineError>
      </div>
    );
  }
  if (!item) return <div className="detail-placeholder">{slow ? <SkeletonBlock lines={8} /> : null}</div>;
  return (
    <section className="ob-detail" data-testid="outbox-detail" aria-label={`Send #${item.id}`}>
      <SendSummary item={item} attempts={attempts} />
    </section>
  );
}
