import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../../components/use-dismiss';
import { useStore } from 'zustand';
import type { ExchangeDetail } from '../../../src/model/exchange';
import { errorMessage } from '../../api/client';
import { senderApi } from '../../api/sender';
import { Icon } from '../../components/Icon';
import { useDelayed } from '../../components/Skeleton';
import { mergeAttempts, openInOutbox, upsertItem } from '../../store/outbox';
import { statusStore } from '../../store/status';
import '../../styles/outbox.css';

const POPOVER_WIDTH = 440;

/**
 * "Replay" in the postback's header (key r): sends the captured request again, byte-exact, to a
 * URL of your choice (the receiver by default), then opens the result in the Outbox.
 */
export function ReplayButton({ detail }: { detail: ExchangeDetail }) {
  const receiverUrl = useStore(statusStore, (s) => s.status?.receiverUrl ?? '');
  const [open, setOpen] = useState<{ top: number; left: number } | null>(null);
  const [url, setUrl] = useState('');
  const [rewriteHost, setRewriteHost] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const slow = useDelayed(busy);
  const popRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const close = useCallback(() => setOpen(null), []);
  useDismiss(popRef, open !== null, close);

  // Fixed to the viewport: the detail pane clips anything that overflows it.
  const toggle = (button: HTMLElement) => {
    if (open) return setOpen(null);
    const r = button.getBoundingClientRect();
    setUrl((u) => u || receiverUrl);
    setError(null);
    setOpen({ top: r.bottom + 6, left: Math.max(8, Math.min(r.left, window.innerWidth - POPOVER_WIDTH - 12)) });
    requestAnimationFrame(() => inputRef.current?.select());
  };

  const replay = async () => {
    setBusy(true);
    setError(null);
    try {
      const target = url.trim();
      const result = await senderApi.replay(detail.id, { ...(target ? { url: target } : {}), ...(rewriteHost ? { rewriteHost: true } : {}), wait: 'first' });
      upsertItem(result.outbox);
      mergeAttempts(result.outbox.id, result.attempts);
      setOpen(null);
      openInOutbox(result.outbox.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const host = detail.rawHeaders.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? null;
  return (
    <div className="popover-anchor" ref={popRef}>
      <button type="button" className="btn" onClick={(e) => toggle(e.currentTarget)} aria-expanded={open !== null} title="Send this request again, byte-exact (r)" data-testid="replay-open">
        <Icon name="outbox" size={14} />
        <span>Replay</span>
      </button>
      {open ? (
        <div
          className="popover replay-popover"
          role="dialog"
          aria-label="Replay this request"
          data-testid="replay-dialog"
          style={{ position: 'fixed', top: open.top, left: open.left, width: POPOVER_WIDTH }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(null);
            }
          }}
        >
          <label className="replay-label" htmlFor="replay-url">
            Send to
          </label>
          <input
            id="replay-url"
            ref={inputRef}
            type="text"
            className={`mono ${error ? 'is-invalid' : ''}`}
            value={url}
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby="replay-hint"
            onChange={(e) => {
              setUrl(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void replay();
              }
            }}
            data-testid="replay-url"
          />
          <p id="replay-hint" className="muted small">
            An origin keeps the captured path and query ({detail.method} {detail.url.length > 60 ? `${detail.url.slice(0, 60)}…` : detail.url}); a URL with a path replaces them. Method, headers
            (order, case, duplicates) and body bytes go as captured.
          </p>
          <label className="check small">
            <input type="checkbox" checked={rewriteHost} onChange={(e) => setRewriteHost(e.target.checked)} />
            Set the Host header to the destination{host ? <> (captured: <code>{host}</code>)</> : null}
          </label>
          {error ? (
            <p className="field-error" role="alert" data-testid="replay-error">
              ✕ {error}
            </p>
          ) : null}
          <div className="popover-actions">
            <button type="button" className="btn" onClick={() => setOpen(null)}>
              Cancel
            </button>
            <button type="button" className="btn btn-accent" onClick={() => void replay()} disabled={busy} data-testid="replay-send">
              {slow ? 'Replaying…' : 'Replay'}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
