import { useStore } from 'zustand';
import { effectiveTheme, settingsStore, type ThemeChoice } from '../../store/settings';
import { FormRow } from '../endpoints/fields';
import { SettingsSection } from './SettingsSection';

const CHOICES: ReadonlyArray<readonly [ThemeChoice, string]> = [
  ['system', 'System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/** The same choice as the top bar's toggle (one store), applied at once and kept in this browser. */
export function AppearanceSection() {
  const theme = useStore(settingsStore, (s) => s.theme);
  const setTheme = useStore(settingsStore, (s) => s.setTheme);
  return (
    <SettingsSection id="appearance" title="Appearance" note="Applies at once; kept by this browser or window, not in the data folder.">
      <FormRow label="Theme">
        <div className="segmented" role="radiogroup" aria-label="Theme" data-testid="settings-theme">
          {CHOICES.map(([value, label]) => (
            <button
              key={value}
              type="button"
              role="radio"
              className="seg"
              aria-checked={theme === value}
              aria-pressed={theme === value}
              tabIndex={theme === value ? 0 : -1}
              onClick={() => setTheme(value)}
              onKeyDown={(e) => {
                // Arrow keys move along the group, as in any radio group.
                const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
                if (step === 0) return;
                e.preventDefault();
                const i = CHOICES.findIndex(([v]) => v === theme);
                const next = CHOICES[(i + step + CHOICES.length) % CHOICES.length]![0];
                setTheme(next);
                (e.currentTarget.parentElement?.querySelector(`[data-theme-choice="${next}"]`) as HTMLElement | null)?.focus();
              }}
              data-theme-choice={value}
              data-testid={`settings-theme-${value}`}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="form-hint muted">System follows the operating system (now {effectiveTheme('system')}). The top bar's button cycles the same three.</div>
      </FormRow>
    </SettingsSection>
  );
}
