import { CopyButton } from '../../components/CopyButton';
import { formatBytes } from '../../lib/format';
import { FormRow } from '../endpoints/fields';
import { SettingsSection } from './SettingsSection';

/** The data folder holds every other setting, so it cannot be one: shown with the ways to choose another. */
export function DataFolderSection({ dataDir, storeBytes }: { dataDir: string; storeBytes: number | null }) {
  return (
    <SettingsSection id="data" title="Data folder" note="Where captures, endpoints, profiles and these settings live. Chosen at start, not here.">
      <FormRow label="Folder">
        <span className="settings-inline">
          <code className="settings-path mono" data-testid="settings-data-dir" title={dataDir}>
            {dataDir}
          </code>
          <CopyButton text={dataDir} label="Copy" title="Copy the data folder path" testId="settings-data-dir-copy" />
        </span>
        {storeBytes !== null ? <div className="form-hint muted">{formatBytes(storeBytes)} on disk, with the write-ahead log (retention counts only the pages in use).</div> : null}
        <div className="form-hint muted">
          To use another folder, start with <code>postback-inspector serve --data &lt;folder&gt;</code> or set <code>POSTBACK_INSPECTOR_DATA=&lt;folder&gt;</code> (the desktop app reads the variable too). Each folder has its own
          settings; one app at a time may use a folder.
        </div>
      </FormRow>
    </SettingsSection>
  );
}
