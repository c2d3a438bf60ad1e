import type { AttemptOutcome } from '../../../src/model/sender';
import type { ShownState } from '../../store/outbox';

const STATE: Record<ShownState, { icon: string; word: string; title: string }> = {
  queued: { icon: '◷', word: 'queued', title: 'Waiting for its first attempt' },
  retrying: { icon: '↻', word: 'retrying', title: 'Failed so far; the next attempt is scheduled' },
  sending: { icon: '→', word: 'sending', title: 'An attempt is in flight' },
  delivered: { icon: '✓', word: 'delivered', title: 'The partner’s answer met the success rule' },
  failed: { icon: '✕', word: 'failed', title: 'No more attempts: the retry plan is used up or the failure is not retried' },
  cancelled: { icon: '–', word: 'cancelled', title: 'Cancelled before it was delivered' },
  disabled: { icon: '⊘', word: 'disabled', title: 'Not sent: the destination is disabled after consecutive failures' },
};

/** Colour and a word (and an icon): a state must read without colour vision. */
export function StateBadge({ state, compact = false }: { state: ShownState; compact?: boolean }) {
  const s = STATE[state];
  return (
    <span className={`state-badge state-${state} ${compact ? 'is-compact' : ''}`} title={s.title} data-testid="state-badge" data-state={state}>
      <span aria-hidden="true">{s.icon}</span> {s.word}
    </span>
  );
}

const OUTCOME: Record<AttemptOutcome, { icon: string; word: string }> = {
  delivered: { icon: '✓', word: 'delivered' },
  retry: { icon: '↻', word: 'will retry' },
  failed: { icon: '✕', word: 'failed' },
  disabled: { icon: '⊘', word: 'disabled' },
  // Cut off by a crash or kill mid-request: the partner may or may not have it.
  unknown: { icon: '?', word: 'outcome unknown' },
};

export function OutcomeWord({ outcome }: { outcome: AttemptOutcome }) {
  const o = OUTCOME[outcome];
  return (
    <span className={`outcome outcome-${outcome}`} data-testid="attempt-outcome" data-outcome={outcome}>
      <span aria-hidden="true">{o.icon}</span> {o.word}
    </span>
  );
}
