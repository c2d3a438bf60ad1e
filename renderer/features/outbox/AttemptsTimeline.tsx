import { useEffect, useMemo, useState } from 'react';
import type { AttemptView, OutboxItem } from '../../../src/model/sender';
import { HeaderList } from '../../components/HeaderList';
import { base64ToBytes, decodeText, looksBinary } from '../../lib/bytes';
import { exactTime, formatBytes, formatDuration, statusClass } from '../../lib/format';
import { shownState } from '../../store/outbox';
import { OutcomeWord } from './StateBadge';

/** Time of day with milliseconds ("14:03:22.517"): retries at ×1000 are milliseconds apart. Not lib/format clockTime, the dense column time. */
export const timeOfDayMs = (ts: number) => exactTime(ts).slice(11, 23);

/** A gap between attempts: milliseconds up close, minutes and hours for real plans. */
export function gapText(ms: number): string {
  if (ms < 60_000) return formatDuration(ms);
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** `in 2.1 s`, `in 14 min`, `due` — refreshed often while it is close. */
export function untilText(at: number, now: number): string {
  const ms = at - now;
  if (ms <= 0) return 'due now';
  if (ms < 10_000) return `in ${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `in ${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `in ${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `in ${(ms / 3_600_000).toFixed(1)} h`;
  return `in ${Math.round(ms / 86_400_000)} d`;
}

/** A "now" that ticks fast while something is due soon, slowly otherwise. */
export function useNow(target: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (target === null) return;
    const every = target - Date.now() < 15_000 ? 100 : 1000;
    const t = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(t);
  }, [target]);
  return now;
}

/**
 * Every delivery attempt of one postback, in order: when, what came back, what the success rule
 * made of it, and when the next one is due. Updates live from the sender events.
 */
export function AttemptsTimeline({ item, attempts }: { item: OutboxItem; attempts: readonly AttemptView[] }) {
  const shown = shownState(item);
  const pending = (shown === 'retrying' || shown === 'queued') && item.nextAttemptAt !== null;
  const now = useNow(pending ? item.nextAttemptAt : null);
  return (
    <ol className="timeline" aria-label="Delivery attempts" data-testid="attempts-timeline">
      {attempts.map((a, i) => (
        <AttemptEntry key={a.id} attempt={a} previous={attempts[i - 1] ?? null} createdAt={item.createdAt} last={i === attempts.length - 1} />
      ))}
      {shown === 'sending' ? (
        <li className="tl-entry tl-next is-sending" data-testid="attempt-next">
          <span className="tl-dot" aria-hidden="true" />
          <div className="tl-line">
            <span className="tl-n num">#{attempts.length + 1}</span>
            <span>in flight…</span>
          </div>
        </li>
      ) : pending ? (
        <li className="tl-entry tl-next" data-testid="attempt-next">
          <span className="tl-dot" aria-hidden="true" />
          <div className="tl-line">
            <span className="tl-n num">#{attempts.length + 1}</span>
            <span className="num">scheduled {timeOfDayMs(item.nextAttemptAt!)}</span>
            <strong className="num tl-until">{untilText(item.nextAttemptAt!, now)}</strong>
            {item.timeScale !== 1 ? <span className="muted small">time ×{item.timeScale}</span> : null}
          </div>
        </li>
      ) : null}
      {attempts.length === 0 && !pending && shown !== 'sending' ? <li className="muted small tl-none">No attempts recorded.</li> : null}
    </ol>
  );
}

function AttemptEntry({ attempt: a, previous, createdAt, last }: { attempt: AttemptView; previous: AttemptView | null; createdAt: number; last: boolean }) {
  const gap = a.startedAt - (previous ? previous.startedAt + previous.durationMs : createdAt);
  return (
    <li className={`tl-entry tl-${a.outcome}`} data-testid="attempt" data-number={a.number} data-outcome={a.outcome} data-status={a.status ?? ''}>
      <span className="tl-dot" aria-hidden="true" />
      <details className="tl-details" open={last}>
        <summary className="tl-line">
          <span className="tl-n num">#{a.number}</span>
          <span className="num muted" title={exactTime(a.startedAt)}>
            {timeOfDayMs(a.startedAt)}
          </span>
          {previous ? <span className="num muted small" title="Since the previous attempt ended">+{gapText(Math.max(0, gap))}</span> : null}
          {a.status !== null ? (
            <span className={`status-badge ${statusClass(a.status)}`} data-testid="attempt-status">
              {a.status}
            </span>
          ) : (
            <span className="status-badge status-server" title={a.errorCode ?? undefined}>
              {a.errorCode ?? 'error'}
            </span>
          )}
          <OutcomeWord outcome={a.outcome} />
          {a.outcome === 'unknown' ? (
            // No answer ever came and the app stopped: a duration would be invented.
            <span className="num muted" title="The app stopped while this attempt was in flight">
              —
            </span>
          ) : (
            <span className="num muted">{formatDuration(a.durationMs)}</span>
          )}
        </summary>
        <div className="tl-body">
          <p className="tl-verdict small">
            <span className="muted">Judged: </span>
            {a.verdict}
          </p>
          {a.error && a.error !== a.verdict ? (
            <p className="tl-error small text-error" role="note">
              ✕ {a.error}
            </p>
          ) : null}
          {a.nextAttemptAt !== null ? (
            <p className="small muted num">
              Next attempt scheduled for {timeOfDayMs(a.nextAttemptAt)} (+{gapText(a.nextAttemptAt - (a.startedAt + a.durationMs))})
            </p>
          ) : null}
          {a.status !== null ? <AttemptResponse attempt={a} /> : null}
        </div>
      </details>
    </li>
  );
}

function AttemptResponse({ attempt }: { attempt: AttemptView }) {
  const bytes = useMemo(() => base64ToBytes(attempt.responseBody), [attempt.responseBody]);
  const binary = useMemo(() => looksBinary(bytes), [bytes]);
  return (
    <div className="tl-response">
      <h4 className="section-title">
        Response headers <span className="count num">{attempt.responseHeaders.length}</span>
      </h4>
      <HeaderList headers={attempt.responseHeaders} />
      <h4 className="section-title">
        Response body <span className="count num">{formatBytes(bytes.length)}</span>
        {attempt.responseTruncated ? <span className="flag flag-warn">truncated</span> : null}
      </h4>
      {bytes.length === 0 ? (
        <p className="muted small">Empty.</p>
      ) : binary ? (
        <p className="muted small">Binary ({formatBytes(bytes.length)}).</p>
      ) : (
        <pre className="tl-body-text mono" data-testid="attempt-body">
          {decodeText(bytes.length > 64 * 1024 ? bytes.subarray(0, 64 * 1024) : bytes)}
        </pre>
      )}
    </div>
  );
}
