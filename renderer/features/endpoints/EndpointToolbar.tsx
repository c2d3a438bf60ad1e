import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../../components/use-dismiss';
import { useStore } from 'zustand';
import type { FieldError } from '../../../src/model/endpoint';
import { errorMessage } from '../../api/client';
import { endpointsApi, fieldErrorsOf } from '../../api/endpoints';
import { Icon } from '../../components/Icon';
import { downloadBytes } from '../../lib/bytes';
import { endpointsStore, importEndpoints, newEndpoint } from '../../store/endpoints';
import { EpIcon } from './EpIcon';
import { PresetCards } from './PresetPicker';

type ImportResult =
  | { kind: 'ok'; count: number; file: string }
  | { kind: 'error'; file: string; message: string; fields: Array<FieldError & { item: string | null }> };

/** `[2].rules[0]…` → the name of the 3rd endpoint in the file, so the user knows which one. */
function itemName(payload: unknown, field: string): string | null {
  const m = /^\[(\d+)\]/.exec(field);
  if (!m) return null;
  const list = Array.isArray(payload) ? payload : (payload as { endpoints?: unknown[] } | null)?.endpoints;
  const item = Array.isArray(list) ? (list[Number(m[1])] as { name?: unknown } | undefined) : undefined;
  return `#${Number(m[1]) + 1}${typeof item?.name === 'string' ? ` “${item.name}”` : ''}`;
}

export function EndpointToolbar() {
  const count = useStore(endpointsStore, (s) => s.items.length);
  const [presetsOpen, setPresetsOpen] = useState<{ top: number; left: number } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const popRef = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setPresetsOpen(null), []);
  useDismiss(popRef, presetsOpen !== null, close);

  const onFile = async (file: File) => {
    setResult(null);
    setBusy(true);
    let payload: unknown;
    try {
      payload = JSON.parse(await file.text()) as unknown;
    } catch (err) {
      setResult({ kind: 'error', file: file.name, message: `Not JSON: ${errorMessage(err)}`, fields: [] });
      setBusy(false);
      return;
    }
    try {
      const created = await importEndpoints(payload);
      setResult({ kind: 'ok', count: created.length, file: file.name });
    } catch (err) {
      const fields = fieldErrorsOf(err).map((f) => ({ ...f, item: itemName(payload, f.field) }));
      setResult({ kind: 'error', file: file.name, message: errorMessage(err), fields });
    } finally {
      setBusy(false);
    }
  };

  const onExport = async () => {
    setExportError(null);
    try {
      const data = await endpointsApi.exportAll();
      const day = new Date().toISOString().slice(0, 10);
      downloadBytes(new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`), `endpoints-${day}.json`, 'application/json');
    } catch (err) {
      setExportError(errorMessage(err));
    }
  };

  return (
    <div className="ep-toolbar-wrap">
      <div className="ep-toolbar">
        <h2 className="ep-title">
          Endpoints <span className="count num">{count}</span>
        </h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={newEndpoint} data-testid="endpoint-new" title="A blank endpoint (not saved until you save it)">
          <EpIcon name="plus" size={12} />
          New
        </button>
        <div className="popover-anchor" ref={popRef}>
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={presetsOpen !== null}
            // Fixed to the viewport: the list pane clips anything that overflows it.
            onClick={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              setPresetsOpen((o) => (o ? null : { top: r.bottom + 6, left: r.left }));
            }}
            data-testid="add-from-preset"
          >
            <EpIcon name="preset" size={12} />
            From preset
          </button>
          {presetsOpen ? (
            <div
              className="popover preset-popover"
              role="dialog"
              aria-label="Add an endpoint from a partner preset"
              style={{ position: 'fixed', top: presetsOpen.top, left: presetsOpen.left, maxHeight: `calc(100vh - ${presetsOpen.top + 40}px)` }}
            >
              <div className="preset-popover-head">
                <strong>Add from a partner preset</strong>
                <button type="button" className="btn btn-icon btn-quiet" onClick={() => setPresetsOpen(null)} aria-label="Close">
                  <Icon name="close" size={14} />
                </button>
              </div>
              <PresetCards compact onAdded={() => setPresetsOpen(null)} />
            </div>
          ) : null}
        </div>
        <span className="ep-io" role="group" aria-label="Import and export">
          <button
            type="button"
            className="btn btn-small btn-icon"
            onClick={() => fileRef.current?.click()}
            disabled={busy}
            data-testid="endpoint-import"
            title="Import endpoints from a JSON file (all or nothing)"
            aria-label="Import endpoints from a JSON file"
          >
            <EpIcon name="upload" size={14} />
          </button>
          <button
            type="button"
            className="btn btn-small btn-icon"
            onClick={() => void onExport()}
            disabled={count === 0}
            data-testid="endpoint-export"
            title="Export: download all endpoints as JSON"
            aria-label="Export all endpoints as JSON"
          >
            <Icon name="download" size={14} />
          </button>
        </span>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="endpoint-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void onFile(file);
          }}
        />
      </div>
      {exportError ? (
        <div className="notice notice-error" role="alert">
          ✕ Export failed: {exportError}
        </div>
      ) : null}
      {result?.kind === 'ok' ? (
        <div className="notice notice-ok" role="status" data-testid="import-ok">
          ✓ Imported {result.count} {result.count === 1 ? 'endpoint' : 'endpoints'} from {result.file}
          <span className="spacer" />
          <button type="button" className="btn btn-icon btn-quiet" onClick={() => setResult(null)} aria-label="Dismiss">
            <Icon name="close" size={12} />
          </button>
        </div>
      ) : null}
      {result?.kind === 'error' ? (
        <div className="import-error" role="alert" data-testid="import-error">
          <div className="import-error-head">
            <strong>✕ Nothing imported from {result.file}</strong>
            <span className="spacer" />
            <button type="button" className="btn btn-icon btn-quiet" onClick={() => setResult(null)} aria-label="Dismiss">
              <Icon name="close" size={12} />
            </button>
          </div>
          {result.fields.length ? (
            <ul className="import-fields">
              {result.fields.map((f, i) => (
                <li key={i}>
                  {f.item ? <span className="import-item">{f.item}</span> : null}
                  <code className="mono">{f.field.replace(/^\[\d+\]\.?/, '') || '(endpoint)'}</code>
                  <span>{f.message}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{result.message}</p>
          )}
          <p className="muted small">Fix the file and import it again: an import lands whole or not at all.</p>
        </div>
      ) : null}
    </div>
  );
}
