import { useState } from 'react';
import { useStore } from 'zustand';
import { errorMessage } from '../../api/client';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../lib/format';
import { UNDO_MS } from '../../store/pending-deletes';
import { setOverlay, uiStore } from '../../store/ui';
import { HarExportButton } from '../interop/HarExportButton';
import { refreshStatus } from '../inbox/sync';
import { clearAll } from '../inbox/undo-actions';

/**
 * Clearing asks first, in place, and offers a HAR export of everything before it goes. The
 * delete itself waits out the undo window (the toast), so a wrong click costs nothing.
 */
export function ClearButton({ count }: { count: number | null }) {
  const open = useStore(uiStore, (s) => s.overlay === 'confirm-clear');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await clearAll();
      setOverlay(null);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="popover-anchor">
      <button
        type="button"
        className="btn"
        onClick={() => {
          // The count in the question must be today's: the pushed status can lag a delete. The clear itself uses this count too.
          if (!open) void refreshStatus();
          setOverlay(open ? null : 'confirm-clear');
        }}
        aria-expanded={open}
        disabled={count === 0}
        data-testid="clear-all"
      >
        <Icon name="trash" size={14} />
        <span>Clear</span>
      </button>
      {open ? (
        <div className="popover clear-confirm" role="dialog" aria-label="Clear all postbacks" data-testid="clear-confirm">
          <p>
            Delete {count === null ? 'all' : `all ${formatCount(count)}`} captured postbacks? You can undo for {UNDO_MS / 1000} seconds; after that they are gone.
          </p>
          <p className="muted small">Keep a copy first: the export holds every postback, whatever the filter.</p>
          {error ? <p className="text-error">{error}</p> : null}
          <div className="popover-actions">
            <HarExportButton unfiltered label="Export HAR first" />
            <span className="spacer" />
            <button type="button" className="btn" onClick={() => setOverlay(null)} autoFocus>
              Cancel
            </button>
            <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={busy} data-testid="confirm-clear">
              Delete all
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
