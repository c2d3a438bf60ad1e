/**
 * "Suggest rules" for a comparison: the recent captures of the same endpoint (or, without one,
 * the same method and path) as the left side, and which of their params are volatile.
 */
import { CoreError } from '../errors.js';
import { splitTarget } from '../http/target.js';
import { parseParams } from '../diff/percent.js';
import { suggestIgnoreRules } from '../diff/suggest-rules.js';
import type { SuggestionResult } from '../model/comparison.js';
import type { StoredExchange } from '../store/exchange-record.js';
import type { Db } from '../store/open-database.js';

/** Enough captures to tell "always differs" from chance, few enough to read in a click. */
export const SAMPLE_CAPTURES = 20;

export class RuleSuggester {
  private readonly keyStatement;
  private readonly byEndpoint;
  private readonly byPath;

  constructor(
    db: Db,
    private readonly exchanges: { get(id: number): StoredExchange | null },
  ) {
    this.keyStatement = db.prepare(`SELECT endpoint_id AS endpointId, method, path FROM exchanges WHERE id = ?`);
    this.byEndpoint = db.prepare(`SELECT id FROM exchanges WHERE endpoint_id = ? AND direction = 'in' ORDER BY id DESC LIMIT ?`).pluck();
    this.byPath = db.prepare(`SELECT id FROM exchanges WHERE method = ? AND path = ? AND direction = 'in' ORDER BY id DESC LIMIT ?`).pluck();
  }

  /** Suggestions for comparing `a` with `b`: both sides always take part, with their siblings. */
  suggest(a: number, b: number): SuggestionResult {
    const key = this.keyStatement.get(a) as { endpointId: number | null; method: string; path: string } | undefined;
    if (!key) throw new CoreError('NOT_FOUND', `exchange ${a}`);
    const scope = key.endpointId === null ? 'path' : 'endpoint';
    const siblings = (
      key.endpointId === null ? this.byPath.all(key.method, key.path, SAMPLE_CAPTURES) : this.byEndpoint.all(key.endpointId, SAMPLE_CAPTURES)
    ) as number[];
    const ids = [...new Set([a, b, ...siblings])];
    const captures = ids
      .map((id) => this.exchanges.get(id))
      .filter((e): e is StoredExchange => e !== null)
      .map((e) => parseParams(splitTarget(e.target, { dropFragment: true }).rawQuery).map(({ name, value }) => ({ name, value })));
    return { captures: captures.length, scope, suggestions: suggestIgnoreRules(captures) };
  }
}
