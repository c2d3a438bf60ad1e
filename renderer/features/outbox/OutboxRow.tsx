import { memo } from 'react';
import { useStore } from 'zustand';
import type { OutboxItem } from '../../../src/model/sender';
import { relativeTime, statusClass } from '../../lib/format';
import { clockStore } from '../../store/clock';
import { selectOutbox, shownState } from '../../store/outbox';
import { untilText } from './AttemptsTimeline';
import { StateBadge } from './StateBadge';

/** One send in the Outbox list: state, method, URL, attempts, last status, next retry, age. */
export const OutboxRow = memo(function OutboxRow({ item, selected }: { item: OutboxItem; selected: boolean }) {
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
