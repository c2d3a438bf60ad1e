import { useEffect } from 'react';
import { useStore } from 'zustand';
import { forgetToken } from './api/token';
import { startSync } from './features/inbox/sync';
import { ComingSoon } from './features/shell/ComingSoon';
import { installShortcuts } from './features/shell/keyboard';
import { LeftRail } from './features/shell/LeftRail';
import { ShortcutsOverlay } from './features/shell/ShortcutsOverlay';
import { StatusLine } from './features/shell/StatusLine';
import { TokenMissing } from './features/shell/TokenMissing';
import { TopBar } from './features/shell/TopBar';
import { UndoToast } from './features/shell/UndoToast';
import { VIEW_COMPONENTS } from './features/shell/view-registry';
import { VIEWS } from './features/shell/views';
import { startClock } from './store/clock';
import { settingsStore } from './store/settings';
import { statusStore } from './store/status';
import { uiStore } from './store/ui';

export function App({ token }: { token: string | null }) {
  const unauthorized = useStore(statusStore, (s) => s.unauthorized);
  const view = useStore(settingsStore, (s) => s.view);
  const overlay = useStore(uiStore, (s) => s.overlay);

  useEffect(() => (token ? startSync() : undefined), [token]);
  useEffect(installShortcuts, []);
  useEffect(startClock, []);
  useEffect(() => {
    if (unauthorized) forgetToken();
  }, [unauthorized]);

  if (!token || unauthorized) return <TokenMissing rejected={unauthorized} />;

  const current = VIEWS.find((v) => v.key === view) ?? VIEWS[0]!;
  const ViewComponent = VIEW_COMPONENTS[current.key];
  return (
    <div className="app">
      <TopBar />
      <LeftRail />
      <main className="main" aria-label={current.label}>
        {ViewComponent ? <ViewComponent /> : <ComingSoon view={current} />}
      </main>
      <StatusLine />
      {overlay === 'shortcuts' ? <ShortcutsOverlay /> : null}
      <UndoToast />
    </div>
  );
}
