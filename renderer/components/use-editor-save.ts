import { useCallback, useEffect, useRef, useState } from 'react';
import { parentField } from '../lib/json-draft';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const SAVE_KEY = isMac ? '⌘S' : 'Ctrl+S';

/**
 * Save for a definition editor: skips a clean draft, shows "Saved" for `noteMs`, and binds
 * Ctrl/Cmd+S wherever focus is in the app while the editor is open.
 */
export function useEditorSave(isDirty: () => boolean, saveDraft: () => Promise<boolean>, noteMs: number) {
  const [justSaved, setJustSaved] = useState(false);

  const save = useCallback(async () => {
    if (!isDirty()) return;
    if (await saveDraft()) setJustSaved(true);
  }, [isDirty, saveDraft]);

  useEffect(() => {
    if (!justSaved) return;
    const t = setTimeout(() => setJustSaved(false), noteMs);
    return () => clearTimeout(t);
  }, [justSaved, noteMs]);

  // A ref, so the listener is bound once and still calls the current editor's save.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return { justSaved, setJustSaved, save };
}

/**
 * Focus the input a server error names; when it is not on screen, the nearest container that is.
 * `scope` narrows the search to one editor (a CSS selector prefix such as `.profile-editor `).
 */
export function focusField(field: string, scope = ''): void {
  let f: string | null = field;
  while (f) {
    const el =
      document.querySelector<HTMLElement>(`${scope}[data-field="${CSS.escape(f)}"]`) ??
      document.querySelector<HTMLElement>(`${scope}[data-field-container="${CSS.escape(f)}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      if (el.matches('input, select, textarea, button')) el.focus();
      return;
    }
    f = parentField(f);
  }
}

/** Switch to the field's tab, then focus it once the tab has rendered (two frames). */
export function jumpToField(field: string, showTab: () => void, scope = ''): void {
  showTab();
  requestAnimationFrame(() => requestAnimationFrame(() => focusField(field, scope)));
}
