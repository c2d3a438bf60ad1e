import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';

export const DEFAULT_LIST_WIDTH = 640;

export type ThemeChoice = 'system' | 'light' | 'dark';
export type View = 'inbox' | 'composer' | 'outbox' | 'endpoints' | 'profiles' | 'diff' | 'metrics' | 'scenarios' | 'settings';

interface SettingsState {
  theme: ThemeChoice;
  /** Width of the inbox list in px (the detail pane takes the rest). */
  listWidth: number;
  view: View;
  setTheme(theme: ThemeChoice): void;
  setListWidth(px: number): void;
  setView(view: View): void;
}

export const settingsStore = createStore<SettingsState>()(
  persist(
    (set) => ({
      theme: 'system',
      listWidth: DEFAULT_LIST_WIDTH,
      view: 'inbox',
      setTheme: (theme) => set({ theme }),
      setListWidth: (listWidth) => set({ listWidth: Math.round(listWidth) }),
      setView: (view) => set({ view }),
    }),
    {
      name: 'postback-inspector.settings',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ theme, listWidth, view }) => ({ theme, listWidth, view }),
    },
  ),
);

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function effectiveTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return darkQuery().matches ? 'dark' : 'light';
}

/** Keeps <html data-theme> in step with the choice and, for "system", with the OS. */
export function applyTheme(): () => void {
  const apply = () => {
    document.documentElement.dataset['theme'] = effectiveTheme(settingsStore.getState().theme);
  };
  apply();
  const mq = darkQuery();
  mq.addEventListener('change', apply);
  const unsubscribe = settingsStore.subscribe(apply);
  return () => {
    mq.removeEventListener('change', apply);
    unsubscribe();
  };
}
