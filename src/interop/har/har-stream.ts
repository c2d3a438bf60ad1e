/**
 * HAR export as a stream of JSON text, one page of exchanges at a time: memory stays at one page
 * however many match, and the receiver's loop gets a turn between pages. Oldest first (how browsers
 * write HARs, and what keeps import → export in the same order); bounded by the newest id at the
 * start, so captures arriving during a long export do not make it endless.
 */
import type { VerdictSummary } from '../../model/verdict.js';
import type { StoredExchange } from '../../store/exchange-record.js';
import type { ExchangeFilter, ExchangeRow } from '../../store/exchanges-repository.js';
import type { HarRowExtras } from '../../store/har-rows-repository.js';
import { harEntryOf } from './exchange-to-har.js';
import { parseImportedFacts } from './imported-facts.js';

export interface HarExportSource {
  list(filter: ExchangeFilter): ExchangeRow[];
  get(id: number): StoredExchange | null;
  extras(ids: readonly number[]): Map<number, HarRowExtras>;
  verdicts(ids: readonly number[]): VerdictSummary[];
  maxId(): number;
}

export interface HarExportOptions {
  /** Used for the URL of a capture that had no Host header. */
  receiverOrigin: string;
  creator: { name: string; version: string };
  pageSize?: number;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function* harChunks(source: HarExportSource, filter: ExchangeFilter, options: HarExportOptions): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? 250;
  const bound = source.maxId() + 1;
  const page: ExchangeFilter = { ...filter, ascending: true, limit: pageSize, beforeId: Math.min(filter.beforeId ?? bound, bound) };
  yield `{"log":{"version":"1.2","creator":${JSON.stringify(options.creator)},"entries":[`;
  let first = true;
  for (;;) {
    const rows = source.list(page);
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.id);
    const extras = source.extras(ids);
    const verdicts = new Map(source.verdicts(ids).map((v) => [v.exchangeId, v]));
    const parts: string[] = [];
    for (const row of rows) {
      const exchange = source.get(row.id);
      if (!exchange) continue; // deleted between the page query and now
      const extra = extras.get(row.id);
      const entry = harEntryOf({ exchange, imported: parseImportedFacts(extra?.imported ?? null), destination: extra?.destination ?? null, verdict: verdicts.get(row.id) ?? null, duplicate: row.duplicate === 1 }, options.receiverOrigin);
      parts.push((first ? '\n' : ',\n') + JSON.stringify(entry));
      first = false;
    }
    if (parts.length > 0) yield parts.join('');
    if (rows.length < pageSize) break;
    page.afterId = rows[rows.length - 1]!.id;
    await turn();
  }
  yield '\n]}}\n';
}
