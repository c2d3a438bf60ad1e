import { useStore } from 'zustand';
import { CopyButton } from '../../components/CopyButton';
import { statusStore } from '../../store/status';

export function sampleCurl(receiverUrl: string): string {
  return `curl "${receiverUrl.replace(/\/+$/, '')}/postback?click_id=test-1&event=install&payout=1.50&currency=USD"`;
}

/** First run: where to send postbacks, and a line to paste that sends one. */
export function EmptyState() {
  const receiverUrl = useStore(statusStore, (s) => s.status?.receiverUrl);
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>Waiting for postbacks</h2>
      <p className="muted">Point your partner or test at this URL. Every request is captured byte for byte.</p>
      {receiverUrl ? (
        <>
          <div className="copy-line">
            <code className="mono" data-testid="empty-receiver-url">
              {receiverUrl}
            </code>
            <CopyButton text={receiverUrl} title="Copy receiver URL" />
          </div>
          <p className="muted">Or send a test one from a terminal:</p>
          <div className="copy-line">
            <code className="mono" data-testid="sample-curl">
              {sampleCurl(receiverUrl)}
            </code>
            <CopyButton text={sampleCurl(receiverUrl)} title="Copy curl command" />
          </div>
        </>
      ) : (
        <p className="muted">Connecting to the receiver…</p>
      )}
    </div>
  );
}
