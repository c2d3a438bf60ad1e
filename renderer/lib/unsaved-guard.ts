/**
 * One "leave with unsaved changes?" guard for every editor (templates, endpoints, profiles):
 * each registers how to tell it has unsaved work, and closing or reloading asks first while any
 * does. In a browser tab the browser asks; in the desktop app Electron hands the same event to
 * the main process (`will-prevent-unload`), which asks with a native dialog (electron/window.ts).
 */
const checks = new Set<() => boolean>();
let listening = false;

function hasUnsavedWork(): boolean {
  for (const check of checks) if (check()) return true;
  return false;
}

/** Registers an editor's check; returns how to remove it. */
export function guardUnsaved(check: () => boolean): () => void {
  checks.add(check);
  if (!listening && typeof window !== 'undefined') {
    listening = true;
    window.addEventListener('beforeunload', (e) => {
      if (hasUnsavedWork()) e.preventDefault();
    });
  }
  return () => checks.delete(check);
}
