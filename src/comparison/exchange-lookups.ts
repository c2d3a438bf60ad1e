/**
 * Finding related exchanges: the previous one in the same scope ("compare with previous"), the
 * scopes an exchange belongs to (for saved rules), and the capture of a correlation key (for
 * expected-vs-captured). Each is one indexed query; none reads a body.
 */
import type { PreviousExchange, PreviousScope } from '../model/comparison.js';
import type { Db } from '../store/open-database.js';

export interface ExchangeScopes {
  endpointId: number | null;
  /** The exchange's own profile (sent postbacks), else its endpoint's (`profileId` in the definition). */
  profileId: number | null;
}

interface KeyRow {
  endpoint_id: number | null;
  correlation: string | null;
  method: string;
  path: string;
}

export class ExchangeLookups {
  private readonly keyStatement;
  private readonly byEndpoint;
  private readonly byCorrelation;
  private readonly byPath;
  private readonly scopesStatement;
  private readonly newestCapture;

  constructor(db: Db) {
    this.keyStatement = db.prepare(`SELECT endpoint_id, correlation, method, path FROM exchanges WHERE id = ?`);
    // Each walks its index (endpoint_id, id) / (correlation) / the rowid backwards and stops at the first hit.
    this.byEndpoint = db.prepare(`SELECT id FROM exchanges WHERE endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT 1`).pluck();
    this.byCorrelation = db.prepare(`SELECT id FROM exchanges WHERE correlation = ? AND id < ? ORDER BY id DESC LIMIT 1`).pluck();
    this.byPath = db.prepare(`SELECT id FROM exchanges WHERE id < ? AND method = ? AND path = ? ORDER BY id DESC LIMIT 1`).pluck();
    this.scopesStatement = db.prepare(`SELECT x.endpoint_id AS endpointId,
        coalesce(x.profile_id, json_extract(e.definition, '$.profileId')) AS profileId
      FROM exchanges x LEFT JOIN endpoints e ON e.id = x.endpoint_id WHERE x.id = ?`);
    this.newestCapture = db.prepare(`SELECT id FROM exchanges WHERE correlation = ? AND direction = 'in' ORDER BY id DESC LIMIT 1`).pluck();
  }

  /** null when the exchange itself does not exist. */
  previous(id: number, scope: PreviousScope): PreviousExchange | null {
    const key = this.keyStatement.get(id) as KeyRow | undefined;
    if (!key) return null;
    const none = (reason: string): PreviousExchange => ({ scope, of: id, id: null, reason });
    const found = (prev: unknown): PreviousExchange =>
      typeof prev === 'number' ? { scope, of: id, id: prev, reason: null } : none(`no earlier exchange for this ${scope}`);
    switch (scope) {
      case 'endpoint':
        return key.endpoint_id === null ? none('no endpoint answered this exchange') : found(this.byEndpoint.get(key.endpoint_id, id));
      case 'correlation':
        return key.correlation === null ? none('this exchange has no correlation key') : found(this.byCorrelation.get(key.correlation, id));
      case 'path':
        return found(this.byPath.get(id, key.method, key.path));
    }
  }

  scopes(id: number): ExchangeScopes | null {
    return (this.scopesStatement.get(id) as ExchangeScopes | undefined) ?? null;
  }

  /** The newest inbound capture with exactly this correlation key. */
  captureOf(correlation: string): number | null {
    return (this.newestCapture.get(correlation) as number | undefined) ?? null;
  }
}
