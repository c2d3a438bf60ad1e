import type { ExchangeDetail, ExchangeSummary, TlsFacts } from './model/exchange.js';
import { buildBodyView } from './decode/body-view.js';
import type { StoredExchange } from './store/exchange-record.js';
import type { ExchangeRow, ExchangesRepository } from './store/exchanges-repository.js';
import { searchableFields } from './decode/searchable-fields.js';
import { binaryStringToDisplay } from './shared/binary-string.js';
import { keyParamNames, parseQuery, pickKeyParams, splitTarget } from './shared/query-params.js';
import { headerValues } from './http/headers.js';

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

/**
 * Rows whose key params are in the body (JSON/form postbacks) get them from the params index,
 * in one query per page.
 */
export function summariesFromRows(rows: ExchangeRow[], exchanges: Pick<ExchangesRepository, 'paramsOf'>): ExchangeSummary[] {
  const summaries = rows.map(summaryFromRow);
  const needBody = summaries.filter((s, i) => s.keyParams.length === 0 && rows[i]!.body_size > 0).map((s) => s.id);
  if (needBody.length === 0) return summaries;
  const byId = new Map<number, Array<{ name: string; value: string }>>();
  for (const p of exchanges.paramsOf(needBody, keyParamNames)) {
    let list = byId.get(p.exchange_id);
    if (!list) byId.set(p.exchange_id, (list = []));
    list.push(p);
  }
  for (const s of summaries) {
    const found = byId.get(s.id);
    if (found) s.keyParams = pickKeyParams(found);
  }
  return summaries;
}

/** `duplicate` costs a lookup, so callers that know it pass it in. Live rows are not indexed yet, so body key params are read here. */
export function summaryFromStored(e: StoredExchange, duplicate = false, maxDecodedBytes = 0): ExchangeSummary {
  const summary = summaryFromStoredRow(e, duplicate);
  if (summary.keyParams.length === 0 && e.body.length > 0 && e.body.length <= 64 * 1024 && maxDecodedBytes > 0) {
    summary.keyParams = pickKeyParams(searchableFields(e.target, e.rawHeaders, e.body, maxDecodedBytes).params.map(([name, value]) => ({ name, value })));
  }
  return summary;
}

function summaryFromStoredRow(e: StoredExchange, duplicate: boolean): ExchangeSummary {
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
    ...summaryFromStored(e, duplicate, maxDecodedBytes),
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
    tls: e.tls ? (JSON.parse(e.tls) as TlsFacts) : null,
  };
}

/** The exact HTTP/1.1 request message as received (headers and body bytes untouched). */
export function rawRequestMessage(e: StoredExchange): Buffer {
  // The parser refused it: the row's body is every byte received, verbatim (there is no head to rebuild).
  if (e.rejected === 'malformed') return e.body;
  const chunked = headerValues(e.rawHeaders, 'transfer-encoding').some((v) => /chunked/i.test(v));
  // The chunk framing was not kept (it is transport, not content): re-frame the body as one chunk.
  const body = chunked
    ? Buffer.concat([Buffer.from(`${e.body.length.toString(16)}\r\n`), e.body, Buffer.from(e.body.length ? '\r\n0\r\n\r\n' : '\r\n')])
    : e.body;
  const head = `${e.method} ${e.target} HTTP/${e.httpVersion}\r\n` + e.rawHeaders.map(([n, v]) => `${n}: ${v}\r\n`).join('') + '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
