import { useState } from 'react';
import { useStore } from 'zustand';
import type { AttemptView, OutboxItem } from '../../../src/model/sender';
import { describePolicy } from '../../../src/sender/retry-policy';
import { CopyButton } from '../../components/CopyButton';
import { useDelayed } from '../../components/Skeleton';
import { exactTime, statusClass } from '../../lib/format';
import { cancelSend, openInOutbox, outboxStore, retrySendNow, shownState } from '../../store/outbox';
import { showInInbox } from '../../store/selection';
import { AttemptsTimeline, timeOfDayMs, gapText, untilText, useNow } from './AttemptsTimeline';
import { StateBadge } from './StateBadge';

function safeDescribe(item: OutboxItem): string {
  try {
    return describePolicy(item.retry);
  } catch {
    return item.retry.kind;
  }
}

/** One send: state, where it went, what to do with it, and its attempts timeline. */
export function SendSummary({ item, attempts, showOpen = false }: { item: OutboxItem; attempts: readonly AttemptView[]; showOpen?: boolean }) {
  const state = shownState(item);
  const actionError = useStore(outboxStore, (s) => (s.actionError?.id === item.id ? s.actionError.message : null));
  const [busy, setBusy] = useState<'cancel' | 'retry' | null>(null);
  const slow = useDelayed(busy !== null);
  const canCancel = state === 'queued' || state === 'retrying';
  const canRetry = state !== 'delivered' && state !== 'sending';
  const now = useNow(canCancel ? item.nextAttemptAt : null);
  const firstDelivered = attempts.find((a) => a.outcome === 'delivered');

  const run = async (what: 'cancel' | 'retry') => {
    setBusy(what);
    await (what === 'cancel' ? cancelSend(item.id) : retrySendNow(item.id));
    setBusy(null);
  };

  return (
    <div className="send-summary" data-testid="send-summary" data-outbox-id={item.id} data-state={state}>
      <div className="send-head">
        <StateBadge state={state} />
        <span className={`method method-${item.method.toLowerCase()}`}>{item.method}</span>
        <span className="send-url mono" title={item.url} data-testid="send-url">
          {item.url}
        </span>
        <CopyButton text={item.url} title="Copy the URL" className="btn-quiet btn-tiny" />
      </div>
      <div className="send-facts small">
        <span className="num">
          {item.attempts} {item.attempts === 1 ? 'attempt' : 'attempts'}
        </span>
        {item.lastStatus !== null ? (
          <span>
            last <span className={`status-badge ${statusClass(item.lastStatus)}`}>{item.lastStatus}</span>
          </span>
        ) : null}
        {canCancel && item.nextAttemptAt !== null ? (
          <span className="num" title={exactTime(item.nextAttemptAt)}>
            next {timeOfDayMs(item.nextAttemptAt)} <strong>{untilText(item.nextAttemptAt, now)}</strong>
          </span>
        ) : null}
        {item.deliveredAt !== null ? (
          <span className="num" title="From queued to delivered, retries included">
            delivered after {gapText(item.deliveredAt - item.createdAt)}
          </span>
        ) : null}
        <span className="muted num" title={exactTime(item.createdAt)}>
          queued {timeOfDayMs(item.createdAt)}
        </span>
        {item.sourceExchangeId !== null ? (
          <button type="button" className="link-button" onClick={() => showInInbox(item.sourceExchangeId!)} title="The captured postback this send replays" data-testid="replay-source">
            replay of #{item.sourceExchangeId}
          </button>
        ) : null}
        <span className="spacer" />
        {canRetry ? (
          <button type="button" className="btn btn-small" onClick={() => void run('retry')} disabled={busy !== null} data-testid="send-retry-now" title={state === 'retrying' || state === 'queued' ? 'Send the next attempt now instead of waiting' : 'Send it again now'}>
            {slow && busy === 'retry' ? 'Retrying…' : 'Retry now'}
          </button>
        ) : null}
        {canCancel ? (
          <button type="button" className="btn btn-small" onClick={() => void run('cancel')} disabled={busy !== null} data-testid="send-cancel" title="Stop: no more attempts">
            {slow && busy === 'cancel' ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
        {showOpen ? (
          <button type="button" className="btn btn-small" onClick={() => openInOutbox(item.id)} data-testid="open-in-outbox">
            Open in Outbox
          </button>
        ) : null}
        <button type="button" className="btn btn-small" onClick={() => showInInbox(item.exchangeId)} title="The request as it was sent, in the Inbox (Raw shows the exact bytes)">
          Request in Inbox
        </button>
      </div>
      {actionError ? (
        <div className="notice notice-error" role="alert">
          ✕ {actionError}
        </div>
      ) : null}
      {item.lastError && state !== 'delivered' ? (
        <p className="send-last-error small text-error" data-testid="send-last-error">
          ✕ {item.lastError}
        </p>
      ) : null}
      <h3 className="section-title">
        Attempts <span className="count num">{attempts.length}</span>
        {firstDelivered ? <span className="muted small timeline-note">delivered on attempt {firstDelivered.number}</span> : null}
      </h3>
      <AttemptsTimeline item={item} attempts={attempts} />
      <details className="send-settings small">
        <summary>Settings of this send</summary>
        <dl className="facts">
          <dt>Retry policy</dt>
          <dd>{safeDescribe(item)}</dd>
          <dt>Time scale</dt>
          <dd className="num">×{item.timeScale}</dd>
          <dt>Transport</dt>
          <dd>{item.transport}</dd>
          <dt>Idempotency key</dt>
          <dd className="mono">{item.idempotencyKey}</dd>
          {item.correlation ? (
            <>
              <dt>Correlation</dt>
              <dd className="mono">{item.correlation}</dd>
            </>
          ) : null}
          {item.templateId !== null ? (
            <>
              <dt>Template</dt>
              <dd className="num">#{item.templateId}</dd>
            </>
          ) : null}
          {item.sourceExchangeId !== null ? (
            <>
              <dt>Replay of</dt>
              <dd>
                <button type="button" className="link-button" onClick={() => showInInbox(item.sourceExchangeId!)}>
                  captured exchange #{item.sourceExchangeId}
                </button>
              </dd>
            </>
          ) : null}
          {item.bulkId ? (
            <>
              <dt>Bulk run</dt>
              <dd className="mono">{item.bulkId}</dd>
            </>
          ) : null}
          <dt>Outbox id</dt>
          <dd className="num">#{item.id} · exchange #{item.exchangeId}</dd>
        </dl>
      </details>
    </div>
  );
}
