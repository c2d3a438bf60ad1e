import { useStore } from 'zustand';
import { Icon } from '../../components/Icon';
import { settingsStore } from '../../store/settings';
import { VIEWS } from './views';

export function LeftRail() {
  const view = useStore(settingsStore, (s) => s.view);
  const setView = useStore(settingsStore, (s) => s.setView);
  return (
    <nav className="rail" aria-label="Sections">
      {VIEWS.map((v) => (
        <button
          key={v.key}
          type="button"
          className="rail-item"
          aria-current={v.key === view ? 'page' : undefined}
          onClick={() => setView(v.key)}
          title={`${v.label} (${v.shortcut})`}
          data-testid={`rail-${v.key}`}
        >
          <Icon name={v.icon} size={18} />
          <span className="rail-label">{v.label}</span>
          <kbd className="rail-key">{v.shortcut}</kbd>
        </button>
      ))}
    </nav>
  );
}
