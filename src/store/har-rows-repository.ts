import type { ExchangeRecord } from './exchange-record.js';
import type { ExchangesRepository } from './exchanges-repository.js';
import type { Db } from './open-database.js';
import { destinationOfUrl, firstOutboxUrlSql } from './sent-destination.js';

/** The columns an export needs beside the exchange itself. */
export interface HarRowExtras {
  /** The `imported` column (migration 013): JSON facts, or null for a real capture/send. */
  imported: string | null;
  /** An out exchange's destination, `scheme://host[:port]` from its outbox URL: what its target lacks. */
  destination: string | null;
}

/** Reads and writes for HAR export/import, on the same connection as the exchanges repository. */
export class HarRowsRepository {
  private readonly extrasStatement;
  private readonly markStatement;

  constructor(
    private readonly db: Db,
    private readonly exchanges: ExchangesRepository,
  ) {
    // One query per page, not per row; outbox_exchange indexes the join.
    this.extrasStatement = db.prepare(`SELECT e.id, e.imported, ${firstOutboxUrlSql('e.id')} AS outbox_url
      FROM exchanges e WHERE e.id IN (SELECT value FROM json_each(?))`);
    this.markStatement = db.prepare(`UPDATE exchanges SET imported = ? WHERE id = ?`);
  }

  extras(ids: readonly number[]): Map<number, HarRowExtras> {
    const rows = this.extrasStatement.all(JSON.stringify(ids)) as Array<{ id: number; imported: string | null; outbox_url: string | null }>;
    return new Map(rows.map((r) => [r.id, { imported: r.imported, destination: destinationOfUrl(r.outbox_url) }]));
  }

  /**
   * Every record and its import mark in one transaction: a HAR goes in whole or not at all. The
   * repository's own batch insert nests as a savepoint, so the ids and its count stay its business.
   */
  insertImported(items: ReadonlyArray<{ record: ExchangeRecord; facts: unknown }>): number[] {
    const run = this.db.transaction(() => {
      const ids = this.exchanges.insertMany(items.map((i) => i.record));
      ids.forEach((id, i) => this.markStatement.run(JSON.stringify(items[i]!.facts), id));
      return ids;
    });
    return run.immediate();
  }
}
