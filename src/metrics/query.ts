/**
 * GET /api/metrics: KPIs of both sides, response-time percentiles, a series and the histogram for
 * a window and filters, read from the rollups (plus the facts of the sub-minute edges). Response
 * times are exact (from the facts) while a side has at most EXACT_LIMIT of them, else read from
 * the log-scale histogram.
 */
import type { Bins, Bucket, MetricsFilter, MetricsResult, SeriesPoint, Totals } from '../model/metrics.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/open-database.js';
import { contribution, HOUR, MINUTE } from './contribution.js';
import { fromRow, rollupColumns } from './facts-store.js';
import { addTotals, emptyTotals, sideMetrics, TOTAL_KEYS } from './kpis.js';
import { addBins, binsOf } from './latency-bins.js';
import { bucketFor, outsideHours, splitForHistogram, splitWindow, type Piece } from './window.js';

export const EXACT_LIMIT = 20_000;

type Dir = 'in' | 'out';

interface Where {
  sql: string;
  args: unknown[];
}

/** Dims filter; ids of 0 in rollups stand for none, facts keep NULL. */
function dimsWhere(f: MetricsFilter): Where {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.direction) (parts.push('direction = ?'), args.push(f.direction));
  for (const [col, v] of [['endpoint_id', f.endpointId], ['profile_id', f.profileId], ['template_id', f.templateId]] as const) {
    if (v !== null) (parts.push(`${col} = ?`), args.push(v));
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), args };
}

export class MetricsQuery {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  run(filter: MetricsFilter, askedBucket: Bucket | null, lag: number): MetricsResult {
    const started = performance.now();
    const bucket = bucketFor(filter.from, filter.to, askedBucket);
    const step = bucket === 'minute' ? MINUTE : HOUR;
    const totals: Record<Dir, Totals> = { in: emptyTotals(), out: emptyTotals() };
    const series = new Map<number, SeriesPoint>();
    const point = (t: number): SeriesPoint => {
      const key = Math.floor(t / step) * step;
      let p = series.get(key);
      if (!p) series.set(key, (p = { t: key, out: emptyTotals(), in: emptyTotals() }));
      return p;
    };
    // Both directions are always read: the receiver side's delivery rate counts our sends that
    // arrived. The direction filter then keeps the other side out of the result.
    const unfiltered = { ...filter, direction: null };
    for (const piece of splitWindow(filter.from, filter.to, bucket === 'hour')) {
      for (const row of this.pieceRows(piece, unfiltered)) {
        if (filter.direction && row.direction !== filter.direction) {
          addTotals(totals.out, { expected: row.totals.expected ?? 0, arrived: row.totals.arrived ?? 0 });
          continue;
        }
        addTotals(totals[row.direction], row.totals);
        addTotals(point(row.bucket)[row.direction], row.totals);
      }
    }
    const bins = this.histogram(filter);
    const exact = (dir: Dir): number[] | null => {
      const t = totals[dir];
      return t.latencyCount > 0 && t.latencyCount <= EXACT_LIMIT ? this.latencies(filter, dir) : null;
    };
    return {
      filter,
      bucket,
      generatedAt: Date.now(),
      lag,
      sender: sideMetrics('sender', totals.out, bins.out, exact('out')),
      receiver: sideMetrics('receiver', totals.in, bins.in, exact('in'), totals.out),
      expectedImport: null,
      series: [...series.values()].sort((a, b) => a.t - b.t),
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /** (bucket, direction, totals) rows of one piece of the window. */
  private pieceRows(piece: Piece, f: MetricsFilter): Array<{ bucket: number; direction: Dir; totals: Partial<Totals> }> {
    if (piece.source === 'facts') {
      return this.facts(piece.from, piece.to, f).map((fact) => {
        const c = contribution(fact);
        return { bucket: c.minute, direction: fact.direction, totals: c.totals };
      });
    }
    const w = dimsWhere(f);
    const table = piece.source === 'hour' ? 'metrics_hour' : 'metrics_minute';
    const sums = rollupColumns.map((c) => `sum(${c})`).join(', ');
    const rows = this.prepare(`SELECT bucket, direction, ${sums} FROM ${table} WHERE bucket >= ? AND bucket < ?${w.sql} GROUP BY bucket, direction`)
      .raw()
      .all(piece.from, piece.to, ...w.args) as unknown[][];
    return rows.map((r) => {
      const t = {} as Totals;
      TOTAL_KEYS.forEach((k, i) => (t[k] = Number(r[i + 2] ?? 0)));
      return { bucket: r[0] as number, direction: r[1] as Dir, totals: t };
    });
  }

  private facts(from: number, to: number, f: MetricsFilter) {
    const w = dimsWhere(f);
    return (this.prepare(`SELECT * FROM metrics_facts WHERE at >= ? AND at < ?${w.sql}`).all(from, to, ...w.args) as Parameters<typeof fromRow>[0][]).map(fromRow);
  }

  /** Latency bins per direction: whole hours from the hour histogram, the rest from the facts. */
  private histogram(f: MetricsFilter): Record<Dir, Bins> {
    const out: Record<Dir, Bins> = { in: {}, out: {} };
    const pieces = splitForHistogram(f.from, f.to);
    const w = dimsWhere(f);
    for (const p of pieces.filter((x) => x.source === 'hour' || x.source === 'day')) {
      const table = p.source === 'day' ? 'metrics_hist_day' : 'metrics_hist';
      const rows = this.prepare(`SELECT direction, bin, sum(count) AS c FROM ${table} WHERE bucket >= ? AND bucket < ?${w.sql} GROUP BY direction, bin`).all(p.from, p.to, ...w.args) as Array<{ direction: Dir; bin: number; c: number }>;
      for (const r of rows) if (r.c) out[r.direction][r.bin] = (out[r.direction][r.bin] ?? 0) + r.c;
    }
    for (const [from, to] of outsideHours(pieces)) {
      for (const dir of ['in', 'out'] as const) {
        if (f.direction && f.direction !== dir) continue;
        addBins(out[dir], binsOf(this.latencyRange(from, to, f, dir)));
      }
    }
    return out;
  }

  private latencies(f: MetricsFilter, dir: Dir): number[] {
    return this.latencyRange(f.from, f.to, f, dir);
  }

  private latencyRange(from: number, to: number, f: MetricsFilter, dir: Dir): number[] {
    const w = dimsWhere({ ...f, direction: dir });
    return this.prepare(`SELECT latency FROM metrics_facts WHERE at >= ? AND at < ? AND latency IS NOT NULL${w.sql}`).pluck().all(from, to, ...w.args) as number[];
  }
}
