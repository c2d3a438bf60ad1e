import { useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { api, errorMessage } from '../../api/client';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { StatusDot } from '../../components/StatusDot';
import { statusStore } from '../../store/status';
import { setOverlay } from '../../store/ui';
import { ClearButton } from './ClearButton';
import { ThemeToggle } from './ThemeToggle';
import { TunnelButton } from './TunnelButton';

export function TopBar() {
  const { status, stream } = useStore(statusStore, useShallow((s) => ({ status: s.status, stream: s.stream })));
  const state = status?.receiverState ?? 'unknown';
  const headless = !window.postbackInspector;
  return (
    <header className="topbar">
      <span className="brand">Postback Inspector</span>
      <div className="receiver" aria-label="Receiver">
        <StatusDot state={stream === 'live' || status ? state : 'unknown'} detail={status?.receiverError ?? null} />
        {status ? (
          <>
            <code className="receiver-url mono" data-testid="receiver-url" title="Send postbacks here">
              {status.receiverUrl}
            </code>
            <CopyButton text={status.receiverUrl} title="Copy receiver URL" />
          </>
        ) : null}
        {status?.tunnel?.state === 'running' && status.tunnel.publicUrl ? (
          <>
            <span className="muted small">public</span>
            <code className="receiver-url mono" data-testid="tunnel-url" title={`Partners on the internet post here (${status.tunnel.kind ?? 'tunnel'} to the receiver only)`}>
              {status.tunnel.publicUrl}
            </code>
            <CopyButton text={status.tunnel.publicUrl} title="Copy public URL" />
          </>
        ) : null}
      </div>
      <PauseButton paused={state === 'paused'} disabled={!status} />
      <ClearButton count={status?.exchangeCount ?? null} />
      <TunnelButton status={status?.tunnel} disabled={!status} />
      <span className="spacer" />
      {headless && status ? (
        <span className="control-url muted" title="Control API and this UI (open it with the #token=… URL printed by serve)">
          UI <code className="mono">{status.controlUrl}</code>
        </span>
      ) : null}
      <button type="button" className="btn btn-icon" onClick={() => setOverlay('shortcuts')} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        <Icon name="keyboard" size={16} />
      </button>
      <ThemeToggle />
    </header>
  );
}

function PauseButton({ paused, disabled }: { paused: boolean; disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      statusStore.setState({ status: await (paused ? api.resume() : api.pause()) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={`btn ${paused ? 'btn-accent' : ''}`}
        onClick={() => void toggle()}
        disabled={disabled || busy}
        data-testid="pause-toggle"
        title={paused ? 'Resume capturing postbacks' : 'Stop capturing: the receiver answers 503 meanwhile'}
      >
        <Icon name={paused ? 'play' : 'pause'} size={14} />
        <span>{paused ? 'Resume capture' : 'Pause capture'}</span>
      </button>
      {error ? (
        <span className="text-error small" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
