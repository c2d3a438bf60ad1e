import { useState, type ReactNode } from 'react';
import { FileDropZone } from '../../components/FileDropZone';
import './interop.css';
import { errorMessage } from '../../api/client';
import { importHarFile } from '../../api/har';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

const isHar = (file: File) => /\.har$/i.test(file.name) || file.type === 'application/json';

/**
 * Dropping a .har file on the Inbox imports it (POST /api/import/har). The new rows arrive through
 * the live event stream like captures; this only says how it went.
 */
export function HarDropZone({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice>(null);

  const onDrop = async (dropped: File[]) => {
    const files = dropped.filter(isHar);
    if (files.length === 0) return setNotice({ kind: 'error', text: 'Drop a .har file to import it.' });
    for (const file of files) {
      try {
        const result = await importHarFile(file);
        const skipped = result.skipped.length ? ` (${result.skipped.length} non-HTTP entries skipped)` : '';
        setNotice({ kind: 'ok', text: `Imported ${result.imported} exchanges from ${file.name}${skipped}.` });
      } catch (err) {
        setNotice({ kind: 'error', text: `${file.name} was not imported: ${errorMessage(err)}` });
        return;
      }
    }
  };

  return (
    <FileDropZone className="har-drop-zone" hint="Drop a HAR file to import it" onFiles={onDrop}>
      {children}
      {notice && (
        <div className={`har-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
    </FileDropZone>
  );
}
