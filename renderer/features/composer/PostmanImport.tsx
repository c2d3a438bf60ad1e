import { useRef } from 'react';
import { useStore } from 'zustand';
import { Icon } from '../../components/Icon';
import { useDelayed } from '../../components/Skeleton';
import { dismissPostmanImport, importPostmanFiles, postmanImportStore } from '../../store/postman-import';

/** "Import Postman…": a Postman Collection v2.1 file becomes saved templates (dropping it on the Composer does the same). */
export function PostmanImportButton() {
  const fileRef = useRef<HTMLInputElement>(null);
  const busy = useDelayed(useStore(postmanImportStore, (s) => s.busy));
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => fileRef.current?.click()} data-testid="import-postman" title="Import a Postman Collection v2.1 (.json): each request becomes a saved template named by its folders. You can also drop the file here.">
        {busy ? 'Importing…' : 'Postman…'}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-postman-file"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void importPostmanFiles(files);
        }}
      />
    </>
  );
}

/** How the last import went: the templates made, what each item could not carry, the {{variables}} left to fill. */
export function PostmanImportNotice() {
  const { result, error } = useStore(postmanImportStore);
  if (error) {
    return (
      <div className="notice notice-error" role="alert" data-testid="postman-import-error">
        <span>✕ {error}</span>
        <button type="button" className="btn btn-icon btn-quiet" onClick={dismissPostmanImport} aria-label="Dismiss">
          <Icon name="close" size={12} />
        </button>
      </div>
    );
  }
  if (!result) return null;
  const variables = result.variables.filter((v) => v.usedBy > 0);
  return (
    <div className={`notice ${result.warnings.length ? 'notice-warn' : ''} import-notes`} role="status" data-testid="postman-import-result">
      <div>
        <strong>
          Imported {result.templates.length} template{result.templates.length === 1 ? '' : 's'} from “{result.collection}” ({result.file}).
        </strong>
        {result.warnings.length ? (
          <ul data-testid="postman-import-warnings">
            {result.warnings.map((w, i) => (
              <li key={i}>
                <strong>{w.item}</strong>: {w.message}
              </li>
            ))}
          </ul>
        ) : null}
        {variables.length ? (
          <p className="small" data-testid="postman-import-variables">
            Kept as <span className="mono">{'{{name}}'}</span> in the templates:{' '}
            {variables.map((v, i) => (
              <span key={v.name}>
                {i ? ', ' : ''}
                <span className="mono">{v.name}</span>
                {v.declared ? (v.value === null ? ' (a secret in the collection)' : ` (collection value “${v.value}”)`) : ''}
              </span>
            ))}
            .
          </p>
        ) : null}
      </div>
      <button type="button" className="btn btn-icon btn-quiet" onClick={dismissPostmanImport} aria-label="Dismiss">
        <Icon name="close" size={12} />
      </button>
    </div>
  );
}
