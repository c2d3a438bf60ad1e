import { useState } from 'react';
import { currentListFilter } from '../inbox/sync';
import { errorMessage } from '../../api/client';
import { downloadHar } from '../../api/har';

/**
 * "Export HAR": every exchange the Inbox filters select (all pages), as one HAR 1.2 file.
 * `unfiltered`: everything stored (Clear's "export first" must not miss what a filter hides).
 */
export function HarExportButton({ unfiltered = false, label = 'Export HAR' }: { unfiltered?: boolean; label?: string } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadHar(unfiltered ? {} : currentListFilter());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="har-export">
      <button type="button" className="btn btn-small" data-testid={unfiltered ? 'har-export-all' : 'har-export'} onClick={() => void run()} disabled={busy} title={unfiltered ? 'Download every stored exchange as a HAR 1.2 file' : 'Download the exchanges the current filter shows as a HAR 1.2 file'}>
        {busy ? 'Exporting…' : label}
      </button>
      {error && <span className="har-error" role="alert">{error}</span>}
    </span>
  );
}
