import { useState } from 'react';
import type { ScenarioItem, ScenarioItemStatus } from '../../../src/model/scenario-run';
import { formatDuration } from '../../lib/format';
import { showInInbox } from '../../store/selection';

/** Colour plus a mark plus a word: a verdict must read without colour too (UI brief). */
const SHOWN: Record<ScenarioItemStatus, { mark: string; word: string }> = {
  pass: { mark: '✓', word: 'pass' },
  fail: { mark: '✕', word: 'fail' },
  error: { mark: '✕', word: 'error' },
  skipped: { mark: '–', word: 'skipped' },
  running: { mark: '●', word: 'running' },
  pending: { mark: '○', word: 'pending' },
};

/** Links shown per row; a duplicates check can name hundreds. */
const MAX_LINKS = 8;

export function ResultRow({ item, onLine }: { item: ScenarioItem; onLine: (line: number) => void }) {
  const shown = SHOWN[item.status];
  const failed = item.status === 'fail' || item.status === 'error';
  // What a pass found is one line (click for all of it); what a failure saw is always in full.
  const [expanded, setExpanded] = useState(false);
  return (
    <li className={`sc-row is-${item.status}`} data-testid="scenario-row" data-status={item.status}>
      <span className="sc-mark" title={shown.word}>
        <span aria-hidden="true">{shown.mark}</span>
        <span className="sc-word">{shown.word}</span>
      </span>
      <div className="sc-main">
        <div className="sc-name">{item.name}</div>
        {item.message ? (
          failed ? (
            <pre className="sc-message is-failed">{item.message}</pre>
          ) : (
            <pre className={`sc-message${expanded ? '' : ' is-clipped'}`} title={expanded ? undefined : item.message} onClick={() => setExpanded(!expanded)}>
              {item.message}
            </pre>
          )
        ) : null}
        {item.exchangeIds.length > 0 ? (
          <div className="sc-links small">
            <span className="muted">Open in Inbox:</span>
            {item.exchangeIds.slice(0, MAX_LINKS).map((id) => (
              <button key={id} type="button" className="link-button mono num" data-testid="scenario-exchange" title={`Select exchange #${id} in the Inbox`} onClick={() => showInInbox(id, { clearFilters: true })}>
                #{id}
              </button>
            ))}
            {item.exchangeIds.length > MAX_LINKS ? <span className="muted">and {item.exchangeIds.length - MAX_LINKS} more</span> : null}
          </div>
        ) : null}
      </div>
      <button type="button" className="link-button sc-line small num" title="Show it in the plan" onClick={() => onLine(item.line)}>
        line {item.line}
      </button>
      <span className="sc-time num small muted">{item.durationMs === null ? '' : formatDuration(item.durationMs)}</span>
    </li>
  );
}
