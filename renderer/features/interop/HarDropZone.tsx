import { useState, type DragEvent, type ReactNode } from 'react';
import './interop.css';
import { errorMessage, importHarFile } from './har-api';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

const isHar = (file: File) => /\.har$/i.test(file.name) || file.type === 'application/json';
const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * Dropping a .har file on the Inbox imports it (POST /api/import/har). The new rows arrive through
 * the live event stream like captures; this only says how it went.
 */
export function HarDropZone({ children }: { children: ReactNode }) {
  const [over, setOver] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const onDrop = async (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setOver(false);
    const files = Array.from(event.dataTransfer.files).filter(isHar);
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
    <div
      className={`har-drop-zone${over ? ' is-over' : ''}`}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => void onDrop(event)}
    >
      {children}
      {over && <div className="har-drop-hint">Drop a HAR file to import it</div>}
      {notice && (
        <div className={`har-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
