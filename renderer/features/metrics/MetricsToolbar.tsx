import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { errorMessage } from '../../api/client';
import { metricsApi } from '../../api/metrics';
import { Icon } from '../../components/Icon';
import { endpointsStore, loadEndpoints } from '../../store/endpoints';
import { currentFilter, metricsStore, setMetricsFilters, WINDOWS, type WindowKey } from '../../store/metrics';

const idOf = (v: string): number | null => (v === '' ? null : Number(v));

/** Filters (window, direction, endpoint, profile, template), the live dot and the report export. */
export function MetricsToolbar() {
  const s = useStore(
    metricsStore,
    useShallow((st) => ({ window: st.window, direction: st.direction, endpointId: st.endpointId, profileId: st.profileId, templateId: st.templateId, profiles: st.profiles, templates: st.templates, live: st.live, importId: st.importId, tookMs: st.result?.tookMs, lag: st.result?.lag ?? 0 })),
  );
  const endpoints = useStore(endpointsStore, (st) => st.items);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  useEffect(() => {
    void loadEndpoints();
  }, []);

  const download = async (format: 'html' | 'csv' | 'json') => {
    setExporting(format);
    setExportError(null);
    try {
      await metricsApi.downloadReport(currentFilter(), format, s.importId);
    } catch (err) {
      setExportError(errorMessage(err));
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="mx-toolbar" role="toolbar" aria-label="Metrics filters">
      <div className="mx-windows" role="group" aria-label="Time window">
        {(Object.keys(WINDOWS) as WindowKey[]).map((key) => (
          <button key={key} type="button" className={`btn btn-small ${s.window === key ? 'is-current' : ''}`} aria-pressed={s.window === key} onClick={() => setMetricsFilters({ window: key })} title={WINDOWS[key].label}>
            {key}
          </button>
        ))}
      </div>
      <select aria-label="Direction" value={s.direction ?? ''} onChange={(e) => setMetricsFilters({ direction: (e.target.value || null) as 'in' | 'out' | null })} className={s.direction ? 'is-active' : ''}>
        <option value="">Both sides</option>
        <option value="out">Sent (sender side)</option>
        <option value="in">Captured (receiver side)</option>
      </select>
      <select aria-label="Endpoint" value={s.endpointId ?? ''} onChange={(e) => setMetricsFilters({ endpointId: idOf(e.target.value) })} className={s.endpointId !== null ? 'is-active' : ''}>
        <option value="">Any endpoint</option>
        {endpoints.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </select>
      <select aria-label="Profile" value={s.profileId ?? ''} onChange={(e) => setMetricsFilters({ profileId: idOf(e.target.value) })} className={s.profileId !== null ? 'is-active' : ''}>
        <option value="">Any profile</option>
        {s.profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <select aria-label="Template" value={s.templateId ?? ''} onChange={(e) => setMetricsFilters({ templateId: idOf(e.target.value) })} className={s.templateId !== null ? 'is-active' : ''}>
        <option value="">Any template</option>
        {s.templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <span className={`mx-live ${s.live ? 'is-live' : ''}`} title={s.live ? 'Updates as postbacks arrive' : 'Not live: reconnecting'}>
        <span className="mx-live-dot" aria-hidden="true" />
        {s.live ? 'live' : 'offline'}
        {s.lag > 0 ? <span className="muted"> · counting {s.lag}</span> : null}
        {s.tookMs !== undefined ? <span className="muted"> · {s.tookMs} ms</span> : null}
      </span>
      <span className="spacer" />
      <div className="mx-export" role="group" aria-label="Export the integration report">
        <button type="button" className="btn btn-small" onClick={() => void download('html')} disabled={exporting !== null} data-testid="export-html" title="Self-contained HTML report: KPIs, charts, failures, verdicts (secrets masked)">
          <Icon name="download" size={14} /> Report
        </button>
        <button type="button" className="btn btn-small" onClick={() => void download('csv')} disabled={exporting !== null} title="Every postback of the window as CSV rows">
          CSV
        </button>
        <button type="button" className="btn btn-small" onClick={() => void download('json')} disabled={exporting !== null} title="KPIs and rows as JSON">
          JSON
        </button>
      </div>
      {exportError ? <span className="text-error small">{exportError}</span> : null}
    </div>
  );
}
