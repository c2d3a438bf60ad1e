import type { FailureReason } from '../model/metrics.js';
import type { Db } from '../store/open-database.js';
import { problemBits, type RollupDelta } from './contribution.js';
import type { Base, Fact, OutState } from './fact.js';
import { TOTAL_KEYS } from './kpis.js';

/** A stored fact, with the base dims kept apart from the derived ones so the base can be rebuilt. */
export interface StoredFact extends Fact {
  baseTemplateId: number | null;
  baseProfileId: number | null;
}

interface Row {
  exchange_id: number;
  direction: 'in' | 'out';
  at: number;
  endpoint_id: number | null;
  template_id: number | null;
  profile_id: number | null;
  base_template_id: number | null;
  base_profile_id: number | null;
  match_key: string | null;
  event: string | null;
  value: number | null;
  currency: string | null;
  param_time: number | null;
  time_problem: string | null;
  enqueued_at: number | null;
  state: OutState | null;
  delivered_at: number | null;
  attempts: number;
  reasons: string | null;
  last_reason: FailureReason | null;
  status: number | null;
  rejected: number;
  verdict: 'pass' | 'fail' | 'none' | null;
  macro_tokens: number;
  duplicate: number;
  expected: number;
  arrived: number;
  conversion_at: number | null;
  latency: number | null;
  clock_problem: string | null;
  with_expected: number;
  mismatched: number;
  accurate: number;
  reversal: number;
  conversion_delivered: number;
  reversed: number;
  privacy_finding: number;
}

export function fromRow(r: Row): StoredFact {
  return {
    id: r.exchange_id,
    direction: r.direction,
    at: r.at,
    endpointId: r.endpoint_id,
    templateId: r.template_id,
    profileId: r.profile_id,
    baseTemplateId: r.base_template_id,
    baseProfileId: r.base_profile_id,
    key: r.match_key,
    event: r.event,
    value: r.value,
    currency: r.currency,
    paramTime: r.param_time,
    timeProblem: r.time_problem,
    enqueuedAt: r.enqueued_at,
    state: r.state,
    deliveredAt: r.delivered_at,
    attempts: r.attempts,
    reasons: r.reasons ? (JSON.parse(r.reasons) as Base['reasons']) : {},
    lastReason: r.last_reason,
    status: r.status,
    rejected: r.rejected === 1,
    verdict: r.verdict,
    macroTokens: r.macro_tokens,
    duplicate: r.duplicate === 1,
    expected: r.expected === 1,
    arrived: r.arrived === 1,
    conversionAt: r.conversion_at,
    latency: r.latency,
    clockProblem: r.clock_problem,
    withExpected: r.with_expected === 1,
    mismatched: r.mismatched === 1,
    accurate: r.accurate === 1,
    reversal: r.reversal === 1,
    conversionDelivered: r.conversion_delivered === 1,
    reversed: r.reversed === 1,
    privacyFinding: r.privacy_finding === 1,
  };
}

/** The base a stored fact was derived from (to re-derive its group without re-reading the exchange). */
export function baseOf(f: StoredFact): Base {
  const { baseTemplateId, baseProfileId, duplicate: _d, expected: _e, arrived: _a, conversionAt: _c, latency: _l, clockProblem: _cp, withExpected: _w, mismatched: _m, accurate: _ac, conversionDelivered: _cd, reversed: _r, ...rest } = f;
  return { ...rest, templateId: baseTemplateId, profileId: baseProfileId };
}

const b = (v: boolean): number => (v ? 1 : 0);
const FACT_COLUMNS =
  'exchange_id, direction, at, endpoint_id, template_id, profile_id, base_template_id, base_profile_id, match_key, event, value, currency, param_time, enqueued_at, state, delivered_at, attempts, reasons, last_reason, status, rejected, verdict, macro_tokens, duplicate, expected, arrived, conversion_at, latency, with_expected, mismatched, accurate, problems, time_problem, clock_problem, reversal, conversion_delivered, reversed, privacy_finding';
const ROLLUP_COLUMNS = TOTAL_KEYS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** Column names of the rollup counters, in TOTAL_KEYS order (status4xx → status4xx, attemptsDelivered → attempts_delivered). */
export const rollupColumns: readonly string[] = ROLLUP_COLUMNS;

/** Facts and rollups: every statement prepared once. */
export class FactsStore {
  private readonly byIds;
  private readonly byKeys;
  private readonly upsertFact;
  private readonly deleteFact;
  private readonly upsertMinute;
  private readonly upsertHour;
  private readonly upsertHist;
  private readonly upsertHistDay;

  constructor(private readonly db: Db) {
    this.byIds = db.prepare(`SELECT * FROM metrics_facts WHERE exchange_id IN (SELECT value FROM json_each(?))`);
    // Capped per key: a click id reused 100 000 times by hand must not make every capture re-read them all.
    this.byKeys = db.prepare(`SELECT f.* FROM json_each(?) k JOIN metrics_facts f ON f.exchange_id IN (SELECT exchange_id FROM metrics_facts WHERE match_key = k.value ORDER BY exchange_id LIMIT ?)`);
    this.upsertFact = db.prepare(`INSERT OR REPLACE INTO metrics_facts (${FACT_COLUMNS}) VALUES (${FACT_COLUMNS.split(',').map(() => '?').join(', ')})`);
    this.deleteFact = db.prepare(`DELETE FROM metrics_facts WHERE exchange_id = ?`);
    const rollup = (table: string) =>
      db.prepare(`INSERT INTO ${table} (bucket, direction, endpoint_id, profile_id, template_id, ${ROLLUP_COLUMNS.join(', ')})
        VALUES (?, ?, ?, ?, ?, ${ROLLUP_COLUMNS.map(() => '?').join(', ')})
        ON CONFLICT DO UPDATE SET ${ROLLUP_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`);
    this.upsertMinute = rollup('metrics_minute');
    this.upsertHour = rollup('metrics_hour');
    this.upsertHist = db.prepare(`INSERT INTO metrics_hist (bucket, direction, endpoint_id, profile_id, template_id, bin, count) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count`);
    this.upsertHistDay = db.prepare(`INSERT INTO metrics_hist_day (bucket, direction, endpoint_id, profile_id, template_id, bin, count) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count`);
  }

  loadIds(ids: readonly number[]): StoredFact[] {
    return ids.length ? (this.byIds.all(JSON.stringify(ids)) as Row[]).map(fromRow) : [];
  }

  loadKeys(keys: readonly string[], perKey: number): StoredFact[] {
    return keys.length ? (this.byKeys.all(JSON.stringify(keys), perKey) as Row[]).map(fromRow) : [];
  }

  write(f: StoredFact): void {
    this.upsertFact.run(
      f.id, f.direction, f.at, f.endpointId, f.templateId, f.profileId, f.baseTemplateId, f.baseProfileId, f.key, f.event, f.value, f.currency,
      f.paramTime, f.enqueuedAt, f.state, f.deliveredAt, f.attempts, Object.keys(f.reasons).length ? JSON.stringify(f.reasons) : null, f.lastReason,
      f.status, b(f.rejected), f.verdict, f.macroTokens, b(f.duplicate), b(f.expected), b(f.arrived), f.conversionAt, f.latency,
      b(f.withExpected), b(f.mismatched), b(f.accurate), problemBits(f), f.timeProblem, f.clockProblem,
      b(f.reversal), b(f.conversionDelivered), b(f.reversed), b(f.privacyFinding),
    );
  }

  remove(id: number): void {
    this.deleteFact.run(id);
  }

  applyRollups(minutes: readonly RollupDelta[], hours: readonly RollupDelta[], days: readonly RollupDelta[] = []): void {
    for (const r of minutes) this.upsertMinute.run(...dimArgs(r), ...TOTAL_KEYS.map((k) => r.totals[k]));
    for (const r of hours) {
      this.upsertHour.run(...dimArgs(r), ...TOTAL_KEYS.map((k) => r.totals[k]));
      for (const [bin, count] of Object.entries(r.bins)) this.upsertHist.run(...dimArgs(r), Number(bin), count);
    }
    for (const r of days) for (const [bin, count] of Object.entries(r.bins)) this.upsertHistDay.run(...dimArgs(r), Number(bin), count);
  }

  clearAll(): void {
    this.db.exec('DELETE FROM metrics_facts; DELETE FROM metrics_minute; DELETE FROM metrics_hour; DELETE FROM metrics_hist; DELETE FROM metrics_hist_day; DELETE FROM metrics_dirty;');
  }
}

function dimArgs(r: RollupDelta): [number, string, number, number, number] {
  return [r.bucket, r.dims.direction, r.dims.endpointId ?? 0, r.dims.profileId ?? 0, r.dims.templateId ?? 0];
}
