import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../../components/use-dismiss';
import { errorMessage } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useDelayed } from '../../components/Skeleton';
import { importCurl } from '../../store/composer';

const EXAMPLE = `curl -X POST 'https://partner.example/pb?click_id={click_id}' -H 'Content-Type: application/json' --data-raw '{"payout": {payout}}'`;

/** "Import cURL": paste a command, get a new unsaved template (method, URL, headers, body, dialect). */
export function ImportCurlButton() {
  const [open, setOpen] = useState<{ top: number; left: number } | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busySlow = useDelayed(busy);
  const popRef = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(null), []);
  useDismiss(popRef, open !== null, close);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await importCurl(text);
      setOpen(null);
      setText('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="popover-anchor" ref={popRef}>
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open !== null}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setOpen((o) => (o ? null : { top: r.bottom + 6, left: Math.min(r.left, window.innerWidth - 580) }));
        }}
        data-testid="import-curl"
        title="Import a curl command: paste it, it becomes a new template"
      >
        <Icon name="terminal" size={12} />
        cURL
      </button>
      {open ? (
        <div className="popover curl-popover" role="dialog" aria-label="Import a curl command" style={{ position: 'fixed', top: open.top, left: open.left }}>
          <label className="curl-label" htmlFor="curl-command">
            Paste a <code>curl</code> command
          </label>
          <textarea
            id="curl-command"
            className={`mono ${error ? 'is-invalid' : ''}`}
            rows={6}
            value={text}
            autoFocus
            spellCheck={false}
            placeholder={EXAMPLE}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'curl-error' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.stopPropagation();
                void run();
              }
            }}
            data-testid="curl-command"
          />
          {error ? (
            <span className="field-error" id="curl-error" role="alert" data-testid="curl-error">
              ✕ {error}. Check the quoting: the command is read like a POSIX shell would.
            </span>
          ) : (
            <span className="muted small">
              Method, URL, headers (order and case kept), body and its mode; the macro dialect is guessed from the tokens. -k, -L and -m carry over.
            </span>
          )}
          <div className="popover-actions">
            <button type="button" className="btn" onClick={() => setOpen(null)}>
              Cancel
            </button>
            <button type="button" className="btn btn-accent" onClick={() => void run()} disabled={busy || text.trim() === ''} data-testid="curl-import-run">
              {busySlow ? 'Importing…' : 'Import as new template'}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
