import { useStore } from 'zustand';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { statusStore } from '../../store/status';
import '../../styles/endpoints.css';
import '../../styles/settings.css';
import { AppearanceSection } from './AppearanceSection';
import { DataFolderSection } from './DataFolderSection';
import { RetentionSection } from './RetentionSection';
import { SenderSection } from './SenderSection';
import { StartupSection } from './StartupSection';
import { useSettingsData } from './use-settings-data';

/** Settings: what applies now (retention, theme) and what applies at the next start (receiver), each section saved on its own. */
export function Settings() {
  const { data, error, reload, setStartup, setRetention } = useSettingsData();
  const storeBytes = useStore(statusStore, (s) => s.status?.storeBytes ?? null);
  const slow = useDelayed(!data && !error);
  return (
    <div className="settings-view" data-testid="settings-view">
      <div className="settings-scroll">
        <div className="settings-column">
          <h1 className="settings-title">Settings</h1>
          {error ? (
            <InlineError
              title="Could not load the settings"
              action={
                <button type="button" className="btn btn-small" onClick={() => void reload()}>
                  Retry
                </button>
              }
            >
              {error}
            </InlineError>
          ) : null}
          {data ? (
            <>
              <RetentionSection status={data.retention} onChange={setRetention} />
              <AppearanceSection />
              <StartupSection view={data.startup} onSaved={setStartup} />
              <SenderSection timeScale={data.startup.timeScale} />
              <DataFolderSection dataDir={data.startup.dataDir} storeBytes={storeBytes} />
            </>
          ) : slow ? (
            <SkeletonBlock lines={10} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
