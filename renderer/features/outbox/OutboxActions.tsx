import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useDelayed } from '../../components/Skeleton';
import { outboxStore, setOutboxQuery } from '../../store/outbox';
import { clearFinished, outboxRunsStore, retryAllFailed } from '../../store/outbox-runs';

/** Typing waits this long before asking the server: one query per pause, not per key. */
const searchDebounceMs = 200;

/** The Outbox's search and its actions over every send: retry all failed, clear finished. */
export function OutboxActions() {
  const query = useStore(outboxStore, (s) => s.query);
  const { busy, notice } = useStore(outboxRunsStore, useShallow((s) => ({ busy: s.busy, notice: s.notice })));
  const [text, setText] = useState(query);
  const [confirming, setConfirming] = useState(false);
  const slow = useDelayed(busy !== null);

  useEffect(() => {
    const timer = setTimeout(() => setOutboxQuery(text.trim()), searchDebounceMs);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <>
      <div className="ob-toolbar-line ob-actions">
        <input
          type="search"
          className="ob-search mono"
          placeholder="Search URLs: click id, host, path…"
          aria-label="Search sends by URL"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setText('')}
          data-testid="outbox-search"
        />
        <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void retryAllFailed(null)} title="Send every failed or disabled send again now" data-testid="outbox-retry-failed">
          {slow && busy === 'retry' ? 'Retrying…' : 'Retry all failed'}
        </button>
        {confirming ? (
          <span className="ob-confirm small" role="group" aria-label="Confirm clearing">
            Delete finished sends and their recorded requests?
            <button
              type="button"
              className="btn btn-small btn-danger"
              onClick={() => {
                setConfirming(false);
                void clearFinished(null);
              }}
              data-testid="outbox-clear-confirm"
            >
              Delete
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy !== null}
            onClick={() => setConfirming(true)}
            title="Delete delivered, failed and cancelled sends; queued and retrying ones stay"
            data-testid="outbox-clear-finished"
          >
            {slow && busy === 'clear' ? 'Clearing…' : 'Clear finished'}
          </button>
        )}
      </div>
      {notice ? (
        <p className={`ob-notice small ${notice.tone === 'error' ? 'text-error' : 'muted'}`} role="status" data-testid="outbox-notice">
          {notice.tone === 'error' ? '✕ ' : ''}
          {notice.text}
        </p>
      ) : null}
    </>
  );
}
