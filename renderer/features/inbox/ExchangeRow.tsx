import { memo } from 'react';
import { useStore } from 'zustand';
import type { ExchangeSummary } from '../../../src/model/exchange';
import { BaselineBadge } from '../../components/BaselineBadge';
import { EndpointBadge } from '../../components/EndpointBadge';
import { VerdictBadge } from '../../components/VerdictBadge';
import { exactTime, formatBytes, relativeTime, statusClass } from '../../lib/format';
import { clockStore } from '../../store/clock';
import { clearMark, diffStore, markForCompare } from '../../store/diff';

export const ROW_HEIGHT = 30;

/** Short, since the status follows in a narrow column; the title says it in full. */
const REJECTED_LABEL: Record<string, string> = { body_too_large: 'too large', aborted: 'aborted', malformed: 'parse', timeout: 'slow', not_proxied: 'tunnel' };
const REJECTED_TITLE: Record<string, string> = {
  body_too_large: 'Body over the capture limit: answered 413',
  aborted: 'The client left before the request was complete',
  malformed: 'The HTTP parser refused this request: the bytes received are kept',
  timeout: 'The request did not arrive in time: answered 408',
  not_proxied: 'CONNECT (a tunnel request): answered 405',
};

export const ExchangeRow = memo(function ExchangeRow({
  row,
  top,
  selected,
  onSelect,
  onOpen,
}: {
  row: ExchangeSummary;
  top: number;
  selected: boolean;
  onSelect: (id: number) => void;
  onOpen: (id: number) => void;
}) {
  const now = useStore(clockStore);
  const fresh = now - row.receivedAt < 1500;
  // The second postback picked for `d` (shift/ctrl-click).
  const marked = useStore(diffStore, (s) => s.marked === row.id);
  return (
    <div
      role="option"
      aria-selected={selected || marked}
      id={`exchange-row-${row.id}`}
      className={`exchange-row ${selected ? 'is-selected' : ''} ${fresh ? 'is-fresh' : ''} ${marked ? 'is-marked' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid="exchange-row"
      data-exchange-id={row.id}
      onClick={(e) => {
        if (e.shiftKey || e.ctrlKey || e.metaKey) markForCompare(row.id);
        else {
          clearMark();
          onSelect(row.id);
        }
      }}
      onDoubleClick={() => onOpen(row.id)}
    >
      <span className="cell-time num" title={exactTime(row.receivedAt)}>
        {relativeTime(row.receivedAt, now)}
      </span>
      <span className={`cell-method method method-${row.method.toLowerCase()}`}>{row.method}</span>
      <span className="cell-path mono" title={row.url}>
        {row.path}
      </span>
      <span className="cell-params">
        <VerdictBadge id={row.id} />
        <EndpointBadge id={row.endpointId} />
        <BaselineBadge id={row.id} />
        {row.keyParams.map((p) => (
          <span key={p.name} className="chip mono" title={`${p.name}=${p.value}`}>
            <span className="chip-name">{p.name}</span>
            <span className="chip-value">{p.value}</span>
          </span>
        ))}
      </span>
      <span className={`cell-status num ${statusClass(row.status)}`}>
        {row.duplicate ? (
          <span className="badge badge-dup" title="Repeat: an earlier postback has the same click / transaction id">
            dup
          </span>
        ) : null}
        {row.rejected ? (
          <span className="badge badge-warn" title={REJECTED_TITLE[row.rejected] ?? row.rejected}>
            {REJECTED_LABEL[row.rejected] ?? row.rejected}
          </span>
        ) : null}
        {row.status ?? '…'}
      </span>
      <span className="cell-size num">{row.bodySize ? formatBytes(row.bodySize) : '–'}</span>
    </div>
  );
});
