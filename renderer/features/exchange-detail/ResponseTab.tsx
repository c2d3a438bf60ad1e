import { useMemo } from 'react';
import type { CapturedResponse } from '../../../src/model/exchange';
import { CodeView } from '../../components/CodeView';
import { lineCount } from '../../lib/highlight';
import { HeaderList } from '../../components/HeaderList';
import { HexView } from '../../components/HexView';
import { useHighlighted } from '../../components/use-highlighted';
import { base64ToBytes, decodeText, looksBinary } from '../../lib/bytes';
import { formatBytes, statusClass } from '../../lib/format';

export function ResponseTab({ response, answeredBy }: { response: CapturedResponse | null; answeredBy: string | null }) {
  if (!response) {
    return <p className="muted pad">No response was recorded (the client went away before we answered).</p>;
  }
  return (
    <div className="response">
      <section className="section">
        <h3 className="section-title">Status</h3>
        <p>
          <span className={`status-badge ${statusClass(response.status)}`}>{response.status}</span>
          {answeredBy ? <span className="muted"> answered by {answeredBy}</span> : null}
        </p>
      </section>
      <section className="section">
        <h3 className="section-title">
          Headers <span className="count num">{response.rawHeaders.length}</span>
        </h3>
        <HeaderList headers={response.rawHeaders} testId="response-headers" />
      </section>
      <ResponseBody body={response.body} />
    </div>
  );
}

/** Short bodies get a short box; long ones scroll inside 320 px. */
const viewerHeight = (lines: number) => Math.min(320, lines * 18 + 20);

function ResponseBody({ body }: { body: string }) {
  const bytes = useMemo(() => base64ToBytes(body), [body]);
  const binary = useMemo(() => looksBinary(bytes), [bytes]);
  const text = useMemo(() => (binary ? null : decodeText(bytes)), [bytes, binary]);
  const doc = useHighlighted(text, 'plain');
  return (
    <section className="section section-fill">
      <h3 className="section-title">
        Body <span className="count num">{formatBytes(bytes.length)}</span>
      </h3>
      {bytes.length === 0 ? (
        <p className="muted">Empty.</p>
      ) : binary ? (
        <div className="fixed-viewer" style={{ height: viewerHeight(Math.ceil(bytes.length / 16)) }}>
          <HexView bytes={bytes} label="Response body bytes" />
        </div>
      ) : doc ? (
        <div className="fixed-viewer" style={{ height: viewerHeight(lineCount(doc)) }}>
          <CodeView doc={doc} label="Response body" />
        </div>
      ) : null}
    </section>
  );
}
