import type { ExchangeDetail } from '../../../src/model/exchange';
import { exactTime, formatDuration } from '../../lib/format';

export function TimingTab({ detail }: { detail: ExchangeDetail }) {
  const answeredAt = detail.receivedAt + detail.durationMs;
  return (
    <div className="pad">
      <dl className="facts">
        <dt>Received</dt>
        <dd className="num">{exactTime(detail.receivedAt)}</dd>
        <dt>UTC</dt>
        <dd className="num mono">{new Date(detail.receivedAt).toISOString()}</dd>
        <dt>Epoch ms</dt>
        <dd className="num mono">{detail.receivedAt}</dd>
        <dt>Answered</dt>
        <dd className="num">
          {exactTime(answeredAt)} <span className="muted">(handled in {formatDuration(detail.durationMs)})</span>
        </dd>
        <dt>Client</dt>
        <dd className="mono">
          {detail.remoteAddress}:{detail.remotePort} · HTTP/{detail.httpVersion}
        </dd>
      </dl>
    </div>
  );
}
