import { useState } from 'react';
import { currentFilters } from '../../store/filters';
import { downloadHar, errorMessage } from './har-api';

/** "Export HAR": every exchange the Inbox filters select (all pages), as one HAR 1.2 file. */
export function HarExportButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadHar(currentFilters());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="har-export">
      <button type="button" className="btn btn-small" onClick={() => void run()} disabled={busy} title="Download the exchanges the current filter shows as a HAR 1.2 file">
        {busy ? 'Exporting…' : 'Export HAR'}
      </button>
      {error && <span className="har-error" role="alert">{error}</span>}
    </span>
  );
}
