import type { StartupSource } from '../../../src/model/settings';

interface Props {
  /** What the next start uses without the flag (saved, else the default), shown as text. */
  next: string;
  running: string;
  source: StartupSource;
  flag: string;
}

/** Says when the saved value and the running one differ, and why (a flag wins every time it is given). */
export function NextStartNote({ next, running, source, flag }: Props) {
  if (next === running) {
    return source === 'flag' ? <span className="settings-source muted">Running with this value from {flag}.</span> : null;
  }
  if (source === 'flag') {
    return (
      <span className="settings-next notice-warn" data-testid="next-start-note">
        ⚠ This launch uses <span className="mono">{running}</span> from {flag}. <strong>{next}</strong> applies at the next start without that flag.
      </span>
    );
  }
  return (
    <span className="settings-next notice-warn" data-testid="next-start-note">
      ⚠ Running with <span className="mono">{running}</span>. <strong>{next}</strong> applies at the next start.
    </span>
  );
}
