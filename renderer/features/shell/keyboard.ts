import { settingsStore } from '../../store/settings';
import { setOverlay, uiStore } from '../../store/ui';
import { moveSelection, openSelection } from '../inbox/list-actions';
import { VIEWS } from './views';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Keyboard-first: one listener for the whole app, so shortcuts work wherever focus is. */
export function installShortcuts(): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape') {
      if (uiStore.getState().overlay) {
        setOverlay(null);
        e.preventDefault();
      } else if (isTyping(e.target)) {
        (e.target as HTMLElement).blur();
      } else if (e.target instanceof HTMLElement && e.target.closest('[data-testid="exchange-detail"]')) {
        // Back from the detail pane to the list.
        document.querySelector<HTMLElement>('[data-testid="exchange-list"]')?.focus();
      }
      return;
    }
    if (isTyping(e.target)) return;

    const inbox = settingsStore.getState().view === 'inbox';
    const overlayOpen = uiStore.getState().overlay !== null;
    let handled = true;
    switch (e.key) {
      case '?':
        setOverlay(uiStore.getState().overlay === 'shortcuts' ? null : 'shortcuts');
        break;
      case '/':
        if (!inbox) settingsStore.getState().setView('inbox');
        // After the view switch has rendered.
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="filter-text"]')?.focus());
        break;
      case 'ArrowDown':
      case 'j':
        if (!inbox || overlayOpen) handled = false;
        else moveSelection(1);
        break;
      case 'ArrowUp':
      case 'k':
        if (!inbox || overlayOpen) handled = false;
        else moveSelection(-1);
        break;
      case 'Enter':
        // Enter on a button or link must keep its own meaning.
        if (!inbox || overlayOpen || (e.target instanceof HTMLElement && e.target.closest('button, a, [role="tab"]'))) handled = false;
        else openSelection();
        break;
      case 'c':
        if (inbox) document.querySelector<HTMLButtonElement>('[data-testid="copy-curl"]')?.click();
        else handled = false;
        break;
      default: {
        const view = VIEWS.find((v) => v.shortcut === e.key);
        if (view && !overlayOpen) settingsStore.getState().setView(view.key);
        else handled = false;
      }
    }
    if (handled) e.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
