/**
 * Everything an integration report shows, gathered once: KPIs and series (the metrics query),
 * the failures, a verdict summary, the reconciliation when a list was imported, and the rows.
 * The HTML, CSV and JSON renderers only format this.
 */
import type { Metrics } from '../metrics/index.js';
import type { FailureRow, MetricsFilter, MetricsResult, Reconciliation } from '../model/metrics.js';
import type { Db } from '../store/open-database.js';
import { redactTarget } from './report-redact.js';

export const MAX_FAILURES = 500;
export const MAX_ROWS = 200_000;

export interface VerdictSummary {
  pass: number;
  fail: number;
  none: number;
  pending: number;
  /** What failed most: param names, always-on issue codes, `signature`. */
  topFailures: Array<{ check: string; count: number }>;
}

/** One postback of the window, as the CSV/JSON rows carry it. */
export interface ReportRow {
  exchangeId: number;
  direction: 'in' | 'out';
  at: string;
  key: string | null;
  event: string | null;
  value: number | null;
  currency: string | null;
  state: string;
  attempts: number;
  responseTimeMs: number | null;
  verdict: string | null;
  duplicate: boolean;
  mismatched: boolean;
  unreplacedMacros: number;
  reason: string | null;
  target: string;
}

export interface ReportData {
  title: string;
  generatedAt: number;
  filter: MetricsFilter;
  names: { endpoint: string | null; profile: string | null; template: string | null; importName: string | null };
  metrics: MetricsResult;
  failures: FailureRow[];
  /** Redacted request targets of the failure rows. */
  targets: Record<number, string>;
  verdicts: VerdictSummary;
  reconciliation: Reconciliation | null;
  rows: ReportRow[];
  rowsTruncated: boolean;
}

export function collectReport(db: Db, metrics: Metrics, filter: MetricsFilter, importId: number | null = null): ReportData {
  const result = metrics.query(filter, { importId });
  const failures = metrics.failures({ ...filter, kinds: ['delivery', 'answer', 'verdict', 'mismatch', 'macro'], beforeId: null, limit: MAX_FAILURES }).items;
  const targetOf = db.prepare(`SELECT target FROM exchanges WHERE id = ?`).pluck();
  const targets: Record<number, string> = {};
  for (const f of failures) targets[f.exchangeId] = redactTarget(String(targetOf.get(f.exchangeId) ?? ''));
  const name = (table: string, column: string, id: number | null): string | null => {
    if (id === null) return null;
    const raw = db.prepare(`SELECT ${column} FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;
    if (raw === undefined) return `#${id} (deleted)`;
    try {
      return String((JSON.parse(raw) as { name?: string }).name ?? `#${id}`);
    } catch {
      return raw;
    }
  };
  const rows = reportRows(db, filter);
  return {
    title: 'Postback integration report',
    generatedAt: Date.now(),
    filter,
    names: {
      endpoint: name('endpoints', 'definition', filter.endpointId),
      profile: name('profiles', 'definition', filter.profileId),
      template: name('templates', 'spec', filter.templateId),
      importName: importId === null ? null : (metrics.imports().find((i) => i.id === importId)?.name ?? null),
    },
    metrics: result,
    failures,
    targets,
    verdicts: verdictSummary(db, filter, result),
    reconciliation: importId === null ? null : metrics.reconcile(importId, filter),
    rows: rows.slice(0, MAX_ROWS),
    rowsTruncated: rows.length > MAX_ROWS,
  };
}

function dims(f: MetricsFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.direction) (parts.push(' AND f.direction = ?'), args.push(f.direction));
  for (const [col, v] of [['endpoint_id', f.endpointId], ['profile_id', f.profileId], ['template_id', f.templateId]] as const) {
    if (v !== null) (parts.push(` AND f.${col} = ?`), args.push(v));
  }
  return { sql: parts.join(''), args };
}

function verdictSummary(db: Db, f: MetricsFilter, m: MetricsResult): VerdictSummary {
  const t = m.receiver.totals;
  const d = dims({ ...f, direction: 'in' });
  const details = db
    .prepare(`SELECT v.detail FROM metrics_facts f JOIN verdicts v ON v.exchange_id = f.exchange_id WHERE v.status = 'fail' AND f.at >= ? AND f.at < ?${d.sql} ORDER BY f.exchange_id DESC LIMIT 5000`)
    .pluck()
    .all(f.from, f.to, ...d.args) as string[];
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const text of details) {
    try {
      const v = JSON.parse(text) as { signature?: { status?: string }; params?: Array<{ name: string; status: string }>; issues?: Array<{ code: string; severity: string }> };
      if (v.signature?.status === 'fail') bump('signature');
      for (const p of v.params ?? []) if (p.status === 'fail') bump(`param ${p.name}`);
      for (const i of v.issues ?? []) if (i.severity === 'fail') bump(i.code);
    } catch {
      // A detail that does not parse is counted in the totals only.
    }
  }
  const topFailures = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([check, count]) => ({ check, count }));
  return { pass: t.verdictPass, fail: t.verdictFail, none: t.verdictNone, pending: t.verdictPending, topFailures };
}

function reportRows(db: Db, f: MetricsFilter): ReportRow[] {
  const d = dims(f);
  const rows = db
    .prepare(`SELECT f.exchange_id, f.direction, f.at, f.match_key, f.event, f.value, f.currency, f.state, f.status, f.rejected, f.attempts, f.latency, f.verdict,
        f.duplicate, f.mismatched, f.macro_tokens, f.last_reason, e.target
      FROM metrics_facts f LEFT JOIN exchanges e ON e.id = f.exchange_id WHERE f.at >= ? AND f.at < ?${d.sql} ORDER BY f.exchange_id LIMIT ?`)
    .raw()
    .all(f.from, f.to, ...d.args, MAX_ROWS + 1) as unknown[][];
  return rows.map((r) => ({
    exchangeId: r[0] as number,
    direction: r[1] as 'in' | 'out',
    at: new Date(r[2] as number).toISOString(),
    key: r[3] as string | null,
    event: r[4] as string | null,
    value: r[5] as number | null,
    currency: r[6] as string | null,
    state: (r[7] as string | null) ?? (r[9] ? 'rejected' : `answered ${r[8] ?? '–'}`),
    attempts: r[10] as number,
    responseTimeMs: r[11] as number | null,
    verdict: r[12] as string | null,
    duplicate: r[13] === 1,
    mismatched: r[14] === 1,
    unreplacedMacros: r[15] as number,
    reason: r[16] as string | null,
    target: redactTarget(String(r[17] ?? '')),
  }));
}
