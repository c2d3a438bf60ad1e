import { correlationOf, defaultCorrelationKeys } from '../endpoints/correlation.js';
import { RequestView } from '../endpoints/request-view.js';
import type { DecodedCapture } from '../http/capture.js';
import type { Endpoint } from '../model/endpoint.js';
import type { RawHeaders } from '../model/exchange.js';
import { EndpointsRepository } from '../store/endpoints-repository.js';
import type { PendingRow } from '../store/index-rows.js';
import type { Db } from '../store/open-database.js';

/**
 * The default correlation of a capture the receiver answered without reading keys (no endpoint,
 * or one that declares none): the same rule as on the acknowledgement path, just after commit.
 * Endpoints are read once and again only after `endpointsChanged()`.
 */
export class DefaultCorrelation {
  private readonly endpoints: EndpointsRepository;
  private cache: Map<number, Endpoint> | null = null;

  constructor(
    db: Db,
    private readonly maxDecodedBytes: number,
  ) {
    this.endpoints = new EndpointsRepository(db);
  }

  of(row: PendingRow, rawHeaders: RawHeaders, decoded: DecodedCapture): string | null {
    if (row.direction !== 'in' || row.rejected !== null) return null;
    if (row.endpoint_id !== null && (this.endpoint(row.endpoint_id)?.correlationKeys.length ?? 0) > 0) return null;
    return correlationOf(new RequestView(row.method, row.target, rawHeaders, row.body, {}, 0, this.maxDecodedBytes, decoded), defaultCorrelationKeys);
  }

  endpointsChanged(): void {
    this.cache = null;
  }

  private endpoint(id: number): Endpoint | undefined {
    this.cache ??= new Map(this.endpoints.list().map((e) => [e.id, e]));
    return this.cache.get(id);
  }
}
