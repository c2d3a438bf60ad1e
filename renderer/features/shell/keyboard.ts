import { settingsStore } from '../../store/settings';
import { setOverlay, uiStore } from '../../store/ui';
import { compareSelected, markSelected } from '../../store/diff';
import { jumpDifference } from '../diff/navigation';
import { moveSelection, openSelection } from '../inbox/list-actions';
import { VIEWS } from './views';

/** Focus is in a text field (or select): its keys are its own. */
export function isTyping(target: EventTarget | null): boolean {
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
      case 'J':
        if (!inbox || overlayOpen) handled = false;
        else {
          // Shift: the row being left stays picked for `d`.
          if (e.shiftKey) markSelected();
          moveSelection(1);
        }
        break;
      case 'ArrowUp':
      case 'k':
      case 'K':
        if (!inbox || overlayOpen) handled = false;
        else {
          if (e.shiftKey) markSelected();
          moveSelection(-1);
        }
        break;
      case 'd':
        // Compare the two picked postbacks (or the selected one with one to choose).
        if (!inbox || overlayOpen || !compareSelected()) handled = false;
        break;
      case 'b': {
        const pin = inbox && !overlayOpen ? document.querySelector<HTMLButtonElement>('[data-testid="pin-baseline"]') : null;
        if (pin && pin.getAttribute('aria-disabled') !== 'true') pin.click();
        else handled = false;
        break;
      }
      case 'n':
      case 'p':
        if (settingsStore.getState().view !== 'diff' || overlayOpen || !jumpDifference(e.key === 'n' ? 1 : -1)) handled = false;
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
      case 'r': {
        // Replay the open postback: opens the destination prompt (Enter sends).
        const replay = inbox && !overlayOpen ? document.querySelector<HTMLButtonElement>('[data-testid="replay-open"]') : null;
        if (replay) replay.click();
        else handled = false;
        break;
      }
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
