import { memo, useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { OutboxItem } from '../../../src/model/sender';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, SkeletonRows, useDelayed } from '../../components/Skeleton';
import { SplitPane } from '../../components/SplitPane';
import { relativeTime, statusClass } from '../../lib/format';
import { clockStore } from '../../store/clock';
import {
  DEFAULT_OUTBOX_LIST_WIDTH,
  loadCircuits,
  loadOlderOutbox,
  loadOutbox,
  loadOutboxItem,
  outboxStore,
  selectOutbox,
  setOutboxFilter,
  setOutboxListWidth,
  shownState,
  useSenderEvents,
  type OutboxFilter,
} from '../../store/outbox';
import { settingsStore } from '../../store/settings';
import '../../styles/outbox.css';
import { untilText } from './AttemptsTimeline';
import { Circuits } from './Circuits';
import { SendSummary } from './SendSummary';
import { StateBadge } from './StateBadge';

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
  useSenderEvents();
  useEffect(() => {
    void loadOutbox();
    void loadCircuits();
  }, []);
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
    </div>
  );
}

function OutboxList() {
  const { items, phase, error, selected, next, filter } = useStore(
    outboxStore,
    useShallow((s) => ({ items: s.items, phase: s.phase, error: s.error, selected: s.selected, next: s.next, filter: s.filter })),
  );
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
        {filter === 'all' ? (
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
        {items.map((item) => (
          <OutboxRow key={item.id} item={item} selected={item.id === selected} />
        ))}
      </ol>
      {next ? (
        <button type="button" className="btn btn-small ob-more" onClick={() => void loadOlderOutbox()}>
          Load older sends
        </button>
      ) : null}
    </div>
  );
}

const OutboxRow = memo(function OutboxRow({ item, selected }: { item: OutboxItem; selected: boolean }) {
  const now = useStore(clockStore, (n) => n);
  const state = shownState(item);
  const path = item.url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return (
    <li className={`ob-row ${selected ? 'is-selected' : ''}`} data-testid="outbox-row" data-outbox-id={item.id} data-state={state}>
      <button type="button" className="ob-select" onClick={() => selectOutbox(item.id)} aria-current={selected ? 'true' : undefined}>
        <span className="ob-line1">
          <StateBadge state={state} compact />
          <span className={`method method-${item.method.toLowerCase()}`}>{item.method}</span>
          <code className="ob-url mono" title={item.url}>
            {path}
          </code>
        </span>
        <span className="ob-line2 small">
          <span className="num">
            {item.attempts} {item.attempts === 1 ? 'attempt' : 'attempts'}
          </span>
          {item.lastStatus !== null ? <span className={`status-badge ${statusClass(item.lastStatus)}`}>{item.lastStatus}</span> : null}
          {item.correlation ? (
            <span className="chip mono ob-correlation" title="Correlation (click id / transaction id)">
              {item.correlation}
            </span>
          ) : null}
          {item.lastError && state !== 'delivered' ? (
            <span className="ob-error text-error" title={item.lastError}>
              {item.lastError}
            </span>
          ) : null}
          <span className="spacer" />
          {(state === 'retrying' || state === 'queued') && item.nextAttemptAt !== null ? (
            <span className="num ob-next" title="Next attempt">
              next {untilText(item.nextAttemptAt, now)}
            </span>
          ) : null}
          {item.sourceExchangeId !== null ? <span className="badge badge-replay">replay</span> : null}
          {item.bulkId ? <span className="badge badge-replay">bulk</span> : null}
          <span className="muted num" title={new Date(item.createdAt).toISOString()}>
            {relativeTime(item.createdAt, now)}
          </span>
        </span>
      </button>
    </li>
  );
});

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
