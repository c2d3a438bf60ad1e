import { useStore } from 'zustand';
import type { ExchangeDetail, TlsFacts } from '../../../src/model/exchange';
import { CopyButton } from '../../components/CopyButton';
import { ParamTable } from '../../components/ParamTable';
import { VisibleText } from '../../components/VisibleText';
import { exactTime, formatBytes } from '../../lib/format';
import { requestUrl } from '../../lib/url';
import { statusStore } from '../../store/status';
import { directionWords } from './direction-words';

const REJECTION: Record<string, string> = {
  body_too_large: 'The body was larger than the capture limit: we answered 413 and kept the request line and headers.',
  aborted: 'The client aborted the request before it was complete: what arrived is kept.',
  malformed: 'The HTTP parser refused this request: we answered as shown and kept the bytes it was reading (the whole request when it came in one piece, up to 64 KB) as the body, verbatim. The request line and headers above are read leniently.',
  timeout: 'The request did not arrive in time: we answered 408 and kept what arrived.',
  not_proxied: 'A CONNECT (tunnel) request: the receiver is not a proxy, so it answered 405.',
};

export function OverviewTab({ detail }: { detail: ExchangeDetail }) {
  const receiverUrl = useStore(statusStore, (s) => s.status?.receiverUrl);
  const url = requestUrl(detail, receiverUrl);
  const flagged = detail.query.filter((p) => p.anomalies.length > 0).length;
  const words = directionWords(detail.direction);
  return (
    <div className="overview">
      {detail.rejected ? (
        <div className="notice notice-warn" role="note">
          ⚠ {REJECTION[detail.rejected] ?? detail.rejected}
        </div>
      ) : null}
      <section className="section">
        <h3 className="section-title">
          URL
          <CopyButton text={url} title="Copy URL" />
        </h3>
        <p className="full-url mono" data-testid="full-url">
          <VisibleText text={url} />
        </p>
      </section>

      <section className="section">
        <h3 className="section-title">
          Query parameters <span className="count num">{detail.query.length}</span>
          {flagged > 0 ? <span className="flag flag-warn">⚠ {flagged} flagged</span> : null}
        </h3>
        {detail.query.length ? <ParamTable params={detail.query} /> : <p className="muted">No query string.</p>}
      </section>

      <section className="section">
        <h3 className="section-title">Summary</h3>
        <dl className="facts">
          <dt>Conversion</dt>
          <dd>
            {detail.correlation ? <span className="mono">{detail.correlation}</span> : <span className="muted">no click / transaction id found</span>}
            {detail.duplicate ? (
              <span className="flag flag-warn" data-testid="duplicate-flag">
                ⚠ repeat of an earlier postback
              </span>
            ) : null}
          </dd>
          <dt>{words.at}</dt>
          <dd className="num" data-testid="overview-at">
            {exactTime(detail.receivedAt)}
          </dd>
          <dt>{words.peer}</dt>
          <dd className="mono" title={words.peerTitle} data-testid="overview-peer">
            {detail.remoteAddress}:{detail.remotePort}
          </dd>
          <dt>Body</dt>
          <dd>
            <span className="num">{formatBytes(detail.bodySize)}</span>
            {detail.contentType ? <span className="mono"> · {detail.contentType}</span> : null}
            {detail.bodyView.contentEncoding.length ? <span> · {detail.bodyView.contentEncoding.join(', ')}</span> : null}
          </dd>
          <dt>Answered</dt>
          <dd>
            <span className="num">{detail.status ?? 'pending'}</span>
            {detail.answeredBy ? <span className="muted"> by {detail.answeredBy}</span> : null}
          </dd>
        </dl>
      </section>
      {detail.tls ? <TlsSection tls={detail.tls} httpVersion={detail.httpVersion} /> : null}
    </div>
  );
}

/** How the connection was secured (HTTPS receiver only): what a partner's TLS stack really negotiated. */
function TlsSection({ tls, httpVersion }: { tls: TlsFacts; httpVersion: string }) {
  const none = <span className="muted">none</span>;
  return (
    <section className="section" data-testid="tls-facts">
      <h3 className="section-title">TLS</h3>
      <dl className="facts">
        <dt>Protocol</dt>
        <dd className="mono">
          {tls.protocol ?? 'unknown'} · HTTP/{httpVersion}
        </dd>
        <dt>Cipher</dt>
        <dd className="mono">{tls.cipher ?? 'unknown'}</dd>
        <dt>SNI</dt>
        <dd className="mono">{tls.servername ?? none}</dd>
        <dt>ALPN</dt>
        <dd className="mono">{tls.alpn ?? none}</dd>
        <dt>Client cert</dt>
        <dd>
          {tls.clientCertificate ? (
            <>
              <span className="mono">{tls.clientCertificate.subject}</span>
              <span className="muted"> issued by {tls.clientCertificate.issuer}</span>
              <br />
              <span className="mono muted" title="SHA-256 fingerprint">
                {tls.clientCertificate.fingerprint256}
              </span>
            </>
          ) : (
            none
          )}
        </dd>
      </dl>
    </section>
  );
}
