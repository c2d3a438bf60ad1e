import type { Db } from './open-database.js';

/** SQL for the URL a sent exchange went to, its first outbox row's; `exchangeId` is SQL (`?`, a column). */
export function firstOutboxUrlSql(exchangeId: string): string {
  return `(SELECT o.url FROM outbox o WHERE o.exchange_id = ${exchangeId} ORDER BY o.id LIMIT 1)`;
}

/** `scheme://host[:port]` of an outbox URL; null without a URL or a scheme to take it from. */
export function destinationOfUrl(url: string | null | undefined): string | null {
  return url == null ? null : (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url)?.[0] ?? null);
}

const statements = new WeakMap<Db, { get(id: number): unknown }>();

/**
 * Where a sent exchange went: `scheme://host[:port]` of the URL its outbox row holds, or null for
 * an exchange the sender did not send (received, or imported from a HAR). The exchange row keeps
 * only the target and the destination's host and port, not the scheme.
 */
export function sentDestination(db: Db, exchangeId: number): string | null {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = db.prepare(`SELECT ${firstOutboxUrlSql('?')}`).pluck()));
  return destinationOfUrl(statement.get(exchangeId) as string | null);
}
