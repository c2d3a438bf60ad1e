import { useState } from 'react';
import { useStore } from 'zustand';
import { api, errorMessage } from '../../api/client';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../lib/format';
import { statusStore } from '../../store/status';

const hhmm = (ts: number) => new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * While capture is paused the receiver answers 503 and stores nothing, so the list looks quiet
 * when it is not: say so above it, with how many were turned away, and offer Resume.
 */
export function PausedBanner() {
  const status = useStore(statusStore, (s) => s.status);
  const [error, setError] = useState<string | null>(null);
  if (status?.receiverState !== 'paused') return null;
  const refused = status.pausedRefusals ?? 0;
  const since = status.pausedSince ?? null;

  const resume = async () => {
    setError(null);
    try {
      statusStore.setState({ status: await api.resume() });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="paused-banner" role="status" data-testid="paused-banner">
      <Icon name="pause" size={14} />
      <span>
        <strong>Capture paused</strong> — <span data-testid="paused-refusals">{formatCount(refused)}</span> postback{refused === 1 ? '' : 's'} refused (503)
        {since !== null ? ` since ${hhmm(since)}` : ''}
      </span>
      <button type="button" className="btn btn-small btn-accent" onClick={() => void resume()} data-testid="paused-resume">
        <Icon name="play" size={12} />
        <span>Resume</span>
      </button>
      {error ? (
        <span className="text-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
