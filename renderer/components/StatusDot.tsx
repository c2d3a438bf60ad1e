import type { CoreStatus } from '../../src/model/exchange';

const LABEL: Record<CoreStatus['receiverState'] | 'unknown', string> = {
  listening: 'Listening',
  paused: 'Paused',
  error: 'Error',
  unknown: 'Connecting…',
};

/** Colour and a word: the state must be readable without colour vision. */
export function StatusDot({ state, detail }: { state: CoreStatus['receiverState'] | 'unknown'; detail?: string | null }) {
  return (
    <span
      className={`status-dot state-${state}`}
      data-testid="receiver-status"
      data-state={state}
      title={detail ? `${LABEL[state]}: ${detail}` : LABEL[state]}
    >
      <span className="dot" aria-hidden="true" />
      <span className="status-dot-label">{LABEL[state]}</span>
    </span>
  );
}
