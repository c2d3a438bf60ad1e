import type { Db } from './open-database.js';

const statements = new WeakMap<Db, { get(id: number): unknown }>();

/**
 * Where a sent exchange went: `scheme://host[:port]` of the URL its outbox row holds, or null for
 * an exchange the sender did not send (received, or imported from a HAR). The exchange row keeps
 * only the target and the destination's host and port, not the scheme.
 */
export function sentDestination(db: Db, exchangeId: number): string | null {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = db.prepare(`SELECT url FROM outbox WHERE exchange_id = ? ORDER BY id LIMIT 1`).pluck()));
  const url = statement.get(exchangeId) as string | undefined;
  return url === undefined ? null : (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url)?.[0] ?? null);
}
