/**
 * Reconciliation of an imported list of expected conversions against the captures of a window:
 * missing (expected, never captured), unexpected (captured, not expected), duplicated (captured
 * more than once), mismatched (value or currency differs) and reversed (a captured chargeback or
 * refund of its key took it back), each with its exchange ids.
 */
import type { ExpectedConversion, MetricsFilter, Reconciliation, ReconciliationItem } from '../model/metrics.js';
import type { Db } from '../store/open-database.js';
import { differences, eventsMatch } from './derive.js';
import type { ExpectedStore } from './expected-store.js';

export const LIST_CAP = 500;

interface Capture {
  exchange_id: number;
  match_key: string | null;
  event: string | null;
  value: number | null;
  currency: string | null;
  rejected: number;
  reversal: number;
}

function dims(f: MetricsFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  for (const [col, v] of [['endpoint_id', f.endpointId], ['profile_id', f.profileId], ['template_id', f.templateId]] as const) {
    if (v !== null) (parts.push(` AND f.${col} = ?`), args.push(v));
  }
  return { sql: parts.join(''), args };
}

export function reconcile(db: Db, expected: ExpectedStore, importId: number, f: MetricsFilter): Reconciliation {
  const rows = expected.rows(importId).filter((r) => r.conversionAt === null || (r.conversionAt >= f.from && r.conversionAt < f.to));
  const d = dims(f);
  const keys = [...new Set(rows.map((r) => r.key))];
  const captures = db
    .prepare(`SELECT f.exchange_id, f.match_key, f.event, f.value, f.currency, f.rejected, f.reversal FROM json_each(?) k
      JOIN metrics_facts f ON f.match_key = k.value WHERE f.direction = 'in' AND f.at >= ? AND f.at < ?${d.sql} ORDER BY f.exchange_id`)
    .all(JSON.stringify(keys), f.from, f.to, ...d.args) as Capture[];
  const byKey = new Map<string, Capture[]>();
  for (const c of captures) (byKey.get(c.match_key!) ?? byKey.set(c.match_key!, []).get(c.match_key!)!).push(c);

  const result: Reconciliation = {
    importId,
    expected: rows.length,
    matched: 0,
    missing: [],
    unexpected: [],
    duplicated: [],
    mismatched: [],
    reversed: [],
    counts: { missing: 0, unexpected: 0, duplicated: 0, mismatched: 0, reversed: 0 },
  };
  const push = (list: keyof Reconciliation['counts'], item: ReconciliationItem) => {
    result.counts[list]++;
    if (result[list].length < LIST_CAP) result[list].push(item);
  };
  const claimed = new Set<number>();
  for (const row of rows) {
    const exp: ExpectedConversion = { key: row.key, event: row.event, value: row.value, currency: row.currency, conversionAt: row.conversionAt };
    const accepted = (byKey.get(row.key) ?? []).filter((c) => c.rejected === 0);
    const hits = accepted.filter((c) => c.reversal === 0 && eventsMatch(c.event, row.event));
    // Any reversal of the key takes its conversion back (the partner names no event to reverse).
    const reversals = accepted.filter((c) => c.reversal === 1);
    for (const h of [...hits, ...reversals]) claimed.add(h.exchange_id);
    const item = { key: row.key, event: row.event, expected: exp, exchangeIds: hits.map((h) => h.exchange_id) };
    if (reversals.length) {
      // Netted out: owed nothing, so neither matched nor a mismatch, and its chargeback is no duplicate.
      push('reversed', { ...item, exchangeIds: [...item.exchangeIds, ...reversals.map((r) => r.exchange_id)] });
      continue;
    }
    if (hits.length === 0) {
      push('missing', item);
      continue;
    }
    result.matched++;
    if (hits.length > 1) push('duplicated', item);
    const diff = differences(hits[0]!, exp);
    if (diff.length) push('mismatched', { ...item, differences: diff });
  }
  // Captures of expected keys whose event matched no expected row…
  for (const c of captures) if (!claimed.has(c.exchange_id) && c.rejected === 0) push('unexpected', { key: c.match_key!, event: c.event, expected: null, exchangeIds: [c.exchange_id] });
  // …and captures of keys the list does not have at all (or no key), newest first.
  const others = db
    .prepare(`SELECT f.exchange_id, f.match_key, f.event FROM metrics_facts f WHERE f.direction = 'in' AND f.rejected = 0 AND f.at >= ? AND f.at < ?${d.sql}
      AND NOT EXISTS (SELECT 1 FROM expected_conversions c WHERE c.import_id = ? AND c.match_key = f.match_key) ORDER BY f.exchange_id DESC`)
    .all(f.from, f.to, ...d.args, importId) as Capture[];
  for (const c of others) push('unexpected', { key: c.match_key ?? '', event: c.event, expected: null, exchangeIds: [c.exchange_id] });
  return result;
}
