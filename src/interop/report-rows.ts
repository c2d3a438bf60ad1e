/**
 * The report's rows for spreadsheets and scripts: CSV (RFC 4180, one postback per line) and JSON
 * (the KPIs summary plus the rows). Same masking as the HTML.
 */
import type { ReportData, ReportRow } from './report-data.js';
import type { SecretMask } from '../profiles/secret-mask.js';

const COLUMNS: Array<keyof ReportRow> = [
  'exchangeId', 'direction', 'at', 'key', 'event', 'value', 'currency', 'state', 'attempts', 'responseTimeMs', 'verdict', 'duplicate', 'mismatched', 'unreplacedMacros', 'reason', 'target',
];

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quoted when needed; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderReportCsv(data: ReportData, mask: SecretMask): string {
  const lines = [COLUMNS.join(',')];
  for (const row of data.rows) lines.push(COLUMNS.map((c) => cell(row[c])).join(','));
  return mask(lines.join('\r\n') + '\r\n');
}

export function renderReportJson(data: ReportData, mask: SecretMask): string {
  const { metrics: m } = data;
  const strip = (s: typeof m.sender) => ({ ...s, bins: undefined });
  const body = {
    title: data.title,
    generatedAt: new Date(data.generatedAt).toISOString(),
    window: { from: new Date(m.filter.from).toISOString(), to: new Date(m.filter.to).toISOString() },
    filter: m.filter,
    names: data.names,
    sender: strip(m.sender),
    receiver: strip(m.receiver),
    expectedImport: m.expectedImport,
    verdicts: data.verdicts,
    reconciliation: data.reconciliation,
    failures: data.failures.map((f) => ({ ...f, target: data.targets[f.exchangeId] ?? null })),
    rows: data.rows,
    rowsTruncated: data.rowsTruncated,
  };
  return mask(JSON.stringify(body, null, 2));
}
