import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { commitNow, dismissError, pendingDeletesStore, UNDO_MS } from '../../store/pending-deletes';
import { startUndo, undoPending } from '../inbox/undo-actions';
import { isTyping } from './keyboard';
import '../../styles/undo.css';

/** "Deleted 1 postback · Undo": the one place a delete or clear can be taken back, on every view. */
export function UndoToast() {
  const { kind, count, expiresAt, error } = useStore(
    pendingDeletesStore,
    useShallow((s) => ({ kind: s.kind, count: s.count, expiresAt: s.expiresAt, error: s.error })),
  );
  useEffect(startUndo, []);
  useEffect(() => {
    if (kind === null) return;
    // Ctrl/Cmd+Z outside text fields: the fields keep their own undo.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !e.shiftKey && !isTyping(e.target)) {
        e.preventDefault();
        undoPending();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [kind]);

  if (error) {
    return (
      <div className="toast is-error" role="alert" data-testid="undo-toast">
        <span>Delete failed: {error}. The postbacks are still stored.</span>
        <button type="button" className="btn btn-small" onClick={dismissError}>
          Dismiss
        </button>
      </div>
    );
  }
  if (kind === null || expiresAt === null) return null;
  return (
    <div className="toast" role="status" data-testid="undo-toast">
      <span>{kind === 'clear' ? `Cleared ${plural(count, 'postback')}` : `Deleted ${plural(count, 'postback')}`}</span>
      <button type="button" className="btn btn-small btn-accent" onClick={undoPending} data-testid="undo-button" title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="btn btn-icon btn-small" onClick={() => void commitNow().catch(() => {})} aria-label="Delete now" title="Delete now (no undo)">
        <Icon name="close" size={14} />
      </button>
      {/* Keyed by the deadline: a second delete restarts the bar with the window. */}
      <span key={expiresAt} className="toast-timer" style={{ animationDuration: `${UNDO_MS}ms` }} aria-hidden="true" />
    </div>
  );
}
