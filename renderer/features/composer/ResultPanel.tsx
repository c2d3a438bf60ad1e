import { useStore } from 'zustand';
import { composerStore, currentLastSend } from '../../store/composer';
import { outboxStore } from '../../store/outbox';
import { SendSummary } from '../outbox/SendSummary';

const NO_ATTEMPTS: never[] = [];

/** The composer's last send, followed live: state, attempts timeline, each response. */
export function ResultPanel() {
  const lastSend = useStore(composerStore, currentLastSend);
  const item = useStore(outboxStore, (s) => (lastSend ? (s.byId[lastSend.outboxId] ?? null) : null));
  const error = useStore(outboxStore, (s) => s.detailError);
  const attempts = useStore(outboxStore, (s) => (lastSend ? (s.attempts[lastSend.outboxId] ?? NO_ATTEMPTS) : NO_ATTEMPTS));
  if (!lastSend) {
    return (
      <div className="result-empty muted pad" data-testid="result-empty">
        <p>Nothing sent from this template yet.</p>
        <p className="small">
          Send (<kbd>Ctrl</kbd>+<kbd>↵</kbd>) and the response and every delivery attempt show here as they happen, retries included.
        </p>
      </div>
    );
  }
  if (!item) {
    return error ? (
      <div className="pad text-error" role="alert">
        ✕ The last send could not be loaded: {error}
      </div>
    ) : null;
  }
  return (
    <div className="result" data-testid="result">
      <SendSummary item={item} attempts={attempts} showOpen />
    </div>
  );
}
