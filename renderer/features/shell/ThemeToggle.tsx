import { useStore } from 'zustand';
import { Icon } from '../../components/Icon';
import { effectiveTheme, settingsStore, type ThemeChoice } from '../../store/settings';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeToggle() {
  const theme = useStore(settingsStore, (s) => s.theme);
  const setTheme = useStore(settingsStore, (s) => s.setTheme);
  const current = theme === 'system' ? `System (${effectiveTheme('system')})` : LABEL[theme];
  return (
    <button
      type="button"
      className="btn btn-icon"
      onClick={() => setTheme(NEXT[theme])}
      title={`Theme: ${current}. Click for ${LABEL[NEXT[theme]]}.`}
      aria-label={`Theme: ${current}`}
      data-testid="theme-toggle"
    >
      <Icon name={theme === 'system' ? 'monitor' : theme === 'light' ? 'sun' : 'moon'} size={16} />
    </button>
  );
}
