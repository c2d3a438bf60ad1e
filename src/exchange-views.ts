import type { ExchangeDetail, ExchangeSummary } from './model/exchange.js';
import { buildBodyView } from './decode/body-view.js';
import type { StoredExchange } from './store/exchange-record.js';
import type { ExchangeRow } from './store/exchanges-repository.js';
import { binaryStringToDisplay } from './shared/binary-string.js';
import { parseQuery, pickKeyParams, splitTarget } from './shared/query-params.js';

/** The API's view of stored rows: raw binary strings become readable text, params are derived. */
export function summaryFromRow(row: ExchangeRow): ExchangeSummary {
  const url = binaryStringToDisplay(row.target);
  return {
    id: row.id,
    direction: row.direction,
    method: row.method,
    url,
    path: binaryStringToDisplay(row.path),
    receivedAt: row.received_at,
    status: row.response_status,
    bodySize: row.body_size,
    contentType: row.content_type,
    keyParams: pickKeyParams(parseQuery(splitTarget(row.target).rawQuery)),
    remoteAddress: row.remote_address,
    durationMs: row.duration_ms,
    rejected: row.rejected,
    endpointId: row.endpoint_id,
    duplicate: row.duplicate === 1,
  };
}

/** `duplicate` costs a lookup, so callers that know it pass it in. */
export function summaryFromStored(e: StoredExchange, duplicate = false): ExchangeSummary {
  return summaryFromRow({
    id: e.id,
    direction: e.direction,
    method: e.method,
    target: e.target,
    path: e.path,
    content_type: e.contentType,
    body_size: e.bodySize,
    remote_address: e.remoteAddress,
    received_at: e.receivedAt,
    duration_ms: e.durationMs,
    rejected: e.rejected,
    response_status: e.response?.status ?? null,
    endpoint_id: e.endpointId,
    duplicate: duplicate ? 1 : 0,
  });
}

export const detailTextLimit = 1024 * 1024;

export function detailFromStored(e: StoredExchange, maxDecodedBytes: number, duplicate: boolean): ExchangeDetail {
  const { decoded: _decoded, ...bodyView } = buildBodyView(e.body, e.rawHeaders, { maxDecodedBytes, textLimit: detailTextLimit });
  return {
    ...summaryFromStored(e, duplicate),
    httpVersion: e.httpVersion,
    remotePort: e.remotePort,
    rawHeaders: e.rawHeaders.map(([n, v]) => [n, binaryStringToDisplay(v)]),
    body: e.body.toString('base64'),
    query: parseQuery(splitTarget(e.target).rawQuery).map((p) => ({
      ...p,
      rawName: binaryStringToDisplay(p.rawName),
      rawValue: binaryStringToDisplay(p.rawValue),
    })),
    bodyView,
    response: e.response
      ? { status: e.response.status, rawHeaders: e.response.rawHeaders, body: e.response.body.toString('base64') }
      : null,
    answeredBy: e.answeredBy,
    correlation: e.correlation,
  };
}

/** The exact HTTP/1.1 request message as received (headers and body bytes untouched). */
export function rawRequestMessage(e: StoredExchange): Buffer {
  const chunked = e.rawHeaders.some(([n, v]) => n.toLowerCase() === 'transfer-encoding' && /chunked/i.test(v));
  // The chunk framing was not kept (it is transport, not content): re-frame the body as one chunk.
  const body = chunked
    ? Buffer.concat([Buffer.from(`${e.body.length.toString(16)}\r\n`), e.body, Buffer.from(e.body.length ? '\r\n0\r\n\r\n' : '\r\n')])
    : e.body;
  const head = `${e.method} ${e.target} HTTP/${e.httpVersion}\r\n` + e.rawHeaders.map(([n, v]) => `${n}: ${v}\r\n`).join('') + '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
