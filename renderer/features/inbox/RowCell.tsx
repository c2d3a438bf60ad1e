import type { ExchangeSummary } from '../../../src/model/exchange';
import { BaselineBadge } from '../../components/BaselineBadge';
import { EndpointBadge } from '../../components/EndpointBadge';
import { VerdictBadge } from '../../components/VerdictBadge';
import { clockTime, exactTime, formatBytes, formatDuration, relativeTime, statusClass } from '../../lib/format';
import type { ColumnId, TimeMode } from '../../store/columns';

/** Short, since they lead the key params; the title says it in full. */
const REJECTED_LABEL: Record<string, string> = { body_too_large: 'too large', aborted: 'aborted', malformed: 'parse', timeout: 'slow', not_proxied: 'tunnel' };
const REJECTED_TITLE: Record<string, string> = {
  body_too_large: 'Body over the capture limit: answered 413',
  aborted: 'The client left before the request was complete',
  malformed: 'The HTTP parser refused this request: the bytes received are kept',
  timeout: 'The request did not arrive in time: answered 408',
  not_proxied: 'CONNECT (a tunnel request): answered 405',
};

const DIRECTION = {
  in: { arrow: '↓', title: 'Received: a postback that reached the receiver' },
  out: { arrow: '↑', title: 'Sent: a request the Composer / Outbox sent to a partner' },
} as const;

interface CellProps {
  column: ColumnId;
  row: ExchangeSummary;
  now: number;
  timeMode: TimeMode;
}

/** One cell of an Inbox row; which cells a row has is the column chooser's business. */
export function RowCell({ column, row, now, timeMode }: CellProps) {
  switch (column) {
    case 'time':
      return (
        <span className="cell-time num" title={exactTime(row.receivedAt)}>
          {timeMode === 'absolute' ? clockTime(row.receivedAt, now) : relativeTime(row.receivedAt, now)}
        </span>
      );
    case 'id':
      return (
        <span className="cell-id num" data-testid="row-id">
          {row.id}
        </span>
      );
    case 'direction': {
      const d = DIRECTION[row.direction];
      return (
        <span className={`cell-direction dir-${row.direction}`} title={d.title} aria-label={row.direction === 'in' ? 'received' : 'sent'} data-testid="row-direction" data-direction={row.direction}>
          {d.arrow}
        </span>
      );
    }
    case 'method':
      return <span className={`cell-method method method-${row.method.toLowerCase()}`}>{row.method}</span>;
    case 'path':
      return (
        <span className="cell-path mono" title={row.url}>
          {row.path}
        </span>
      );
    case 'params':
      return <ParamsCell row={row} />;
    case 'status':
      return <span className={`cell-status num ${statusClass(row.status)}`}>{row.status ?? '…'}</span>;
    case 'size':
      return <span className="cell-size num">{row.bodySize ? formatBytes(row.bodySize) : '–'}</span>;
    case 'duration':
      return <span className="cell-duration num">{formatDuration(row.durationMs)}</span>;
    case 'verdict':
      return <VerdictCell row={row} />;
  }
}

/**
 * Repeat and refusal badges first (they qualify the values), then the chips: names stay whole and
 * values give way, with the full `name=value` on hover: the name says what the value is.
 */
function ParamsCell({ row }: { row: ExchangeSummary }) {
  const all = row.keyParams.map((p) => `${p.name}=${p.value}`).join('  ');
  return (
    <span className="cell-params" title={all || undefined}>
      <span className="param-chips">
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
        {row.keyParams.map((p) => (
          <span key={p.name} className="chip mono" title={`${p.name}=${p.value}`} data-testid="param-chip">
            <span className="chip-name">{p.name}</span>
            <span className="chip-value">{p.value}</span>
          </span>
        ))}
        <EndpointBadge id={row.endpointId} />
      </span>
    </span>
  );
}

function VerdictCell({ row }: { row: ExchangeSummary }) {
  return (
    <span className="cell-verdict">
      {row.direction === 'out' && !row.verdict ? (
        // Checks run on what we receive; a request we sent would otherwise wait for a verdict forever.
        <span className="verdict-badge is-none" data-verdict="sent" title="Sent by us: no checks verdict (the partner's answer is in Status)">
          –
        </span>
      ) : (
        <VerdictBadge id={row.id} />
      )}
      <BaselineBadge id={row.id} />
    </span>
  );
}
