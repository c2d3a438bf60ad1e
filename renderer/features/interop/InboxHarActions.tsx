import { HarExportButton } from './HarExportButton';

/** The Inbox's HAR actions row, between the filter bar and the list (the filter bar is not ours to change). */
export function InboxHarActions() {
  return (
    <div className="har-actions">
      <HarExportButton />
    </div>
  );
}
