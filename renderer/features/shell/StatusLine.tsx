import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount, formatRate } from '../../lib/format';
import { statusStore } from '../../store/status';

const STREAM_LABEL = { connecting: 'connecting…', live: 'live', retrying: 'reconnecting…', unauthorized: 'token rejected' } as const;

/** Small and always there; never a modal. */
export function StatusLine() {
  const { status, stream, error } = useStore(
    statusStore,
    useShallow((s) => ({ status: s.status, stream: s.stream, error: s.error })),
  );
  const lastError = status?.receiverError ?? status?.lastError ?? error;
  // "live" would read as "capturing": while paused, the updates still flow but nothing is captured.
  const paused = stream === 'live' && status?.receiverState === 'paused';
  return (
    <footer className="status-line" data-testid="status-line">
      <span
        className={`stream stream-${paused ? 'paused' : stream}`}
        title={paused ? 'Capture is paused: the receiver answers 503 (live updates still connected)' : 'Live updates from the inspector'}
        data-testid="stream-state"
      >
        <span className="dot" aria-hidden="true" />
        {paused ? 'capture paused' : STREAM_LABEL[stream]}
      </span>
      {status ? (
        <>
          <span className="num" title="Captures per second">
            {formatRate(status.capturesPerSecond)}/s
          </span>
          <span className="num" title={`Stored in ${status.dataDir}`}>
            {formatCount(status.exchangeCount)} stored · {formatBytes(status.storeBytes)}
          </span>
          <span className={`num ${status.indexLag > 0 ? 'text-warn' : ''}`} title="Captures not yet searchable">
            index lag {formatCount(status.indexLag)}
          </span>
        </>
      ) : null}
      <span className="spacer" />
      {lastError ? (
        <span className="status-error text-error" title={lastError} role="status">
          ✕ {lastError}
        </span>
      ) : (
        <span className="muted">no errors</span>
      )}
    </footer>
  );
}
