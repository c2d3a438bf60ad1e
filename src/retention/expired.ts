import type { Db } from '../store/open-database.js';
import type { RetentionPolicy } from './policy.js';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The oldest exchanges a policy lets go, at most `limit`: never a pinned baseline (a diff target
 * the user chose) and never an outbound exchange whose send is still pending or in flight (its
 * outbox row would go with it).
 */
export class ExpiredExchanges {
  private readonly olderThan;
  private readonly oldest;
  private readonly pages;
  private readonly merge;
  private readonly totalChanges;

  /** `count`: the exchanges stored (the repository keeps it, so no count(*) scan here). */
  constructor(
    private readonly db: Db,
    private readonly count: () => number,
  ) {
    const keep = `id NOT IN (SELECT exchange_id FROM baselines) AND id NOT IN (SELECT exchange_id FROM outbox WHERE state IN ('pending', 'in_flight'))`;
    // received_at has no index (the capture path keeps indexes few), but it grows with id: rows
    // before the first young one are all the candidates, so the scan stops there instead of
    // reading the whole table every run when nothing is old.
    this.olderThan = db
      .prepare(`SELECT id FROM exchanges WHERE id < coalesce((SELECT min(id) FROM exchanges WHERE received_at >= @cutoff), 9e18) AND received_at < @cutoff AND ${keep} ORDER BY id LIMIT @limit`)
      .pluck();
    this.oldest = db.prepare(`SELECT id FROM exchanges WHERE ${keep} ORDER BY id LIMIT ?`).pluck();
    this.pages = db.prepare(`SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count())`).pluck();
    this.merge = db.prepare(`INSERT INTO exchange_text (exchange_text, rank) VALUES ('merge', -64)`);
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
  }

  /** Bytes in use by the store's pages (freed pages are reused, so this is what a size limit bounds). */
  usedBytes(): number {
    return (this.pages.get() as number) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  pick(policy: RetentionPolicy, now: number, limit: number): number[] {
    if (policy.maxAgeDays !== null) {
      const aged = this.olderThan.all({ cutoff: now - policy.maxAgeDays * dayMs, limit }) as number[];
      if (aged.length > 0) return aged;
    }
    if (policy.maxBytes === null) return [];
    const used = this.usedBytes();
    const excess = used - policy.maxBytes;
    if (excess <= 0) return [];
    // What a row really costs (its body, headers, params, text index, metrics) is the store's average.
    const rows = this.count();
    if (rows === 0) return [];
    return this.oldest.all(Math.min(limit, Math.ceil(excess / (used / rows)))) as number[];
  }

  /**
   * The full-text index frees a deleted row's space only when its segments merge: ask for some
   * merging, so the next size check sees the space the deletes gave back.
   */
  reclaim(budgetMs = 50): void {
    const started = performance.now();
    do {
      const before = this.totalChanges.get() as number;
      this.merge.run();
      // FTS5 says a merge did work by more than two changes.
      if ((this.totalChanges.get() as number) - before <= 2) break;
    } while (performance.now() - started < budgetMs);
  }
}
