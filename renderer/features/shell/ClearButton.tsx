import { useState } from 'react';
import { useStore } from 'zustand';
import { api, errorMessage } from '../../api/client';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../lib/format';
import { setOverlay, uiStore } from '../../store/ui';

/** Clearing is irreversible, so it asks first, in place, without a modal. */
export function ClearButton({ count }: { count: number | null }) {
  const open = useStore(uiStore, (s) => s.overlay === 'confirm-clear');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await api.clear();
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
        onClick={() => setOverlay(open ? null : 'confirm-clear')}
        aria-expanded={open}
        disabled={count === 0}
        data-testid="clear-all"
      >
        <Icon name="trash" size={14} />
        <span>Clear</span>
      </button>
      {open ? (
        <div className="popover" role="dialog" aria-label="Clear all postbacks">
          <p>
            Delete {count === null ? 'all' : `all ${formatCount(count)}`} captured postbacks? This cannot be undone.
          </p>
          {error ? <p className="text-error">{error}</p> : null}
          <div className="popover-actions">
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
