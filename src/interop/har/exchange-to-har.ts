/**
 * One stored exchange → one HAR 1.2 entry. The readable fields follow the spec (UTF-8 text where the
 * bytes are UTF-8, base64 with `encoding` where not); `_raw` carries what text cannot: the target
 * and headers as the bytes travelled, one char per byte. Imported exchanges get back the HAR facts
 * kept at import (URL, versions, status text, timings), so a round trip changes nothing.
 */
import { STATUS_CODES } from 'node:http';
import type { RawHeaders } from '../../model/exchange.js';
import type { VerdictSummary } from '../../model/verdict.js';
import { headerValue, headerValues } from '../../http/headers.js';
import { parseQuery } from '../../http/query.js';
import { splitTarget } from '../../http/target.js';
import { binaryStringToDisplay, isValidUtf8 } from '../../shared/binary-string.js';
import type { StoredExchange } from '../../store/exchange-record.js';
import type { HarContent, HarEntry, HarNameValue, HarPostData, HarResponse } from './har-types.js';
import type { ImportedFacts } from './imported-facts.js';

export interface ExportRow {
  exchange: StoredExchange;
  imported: ImportedFacts | null;
  /** An out exchange's `scheme://host[:port]`, from its outbox URL (what the target lacks). */
  destination: string | null;
  verdict: VerdictSummary | null;
  duplicate: boolean;
}

const nameValues = (headers: RawHeaders): HarNameValue[] => headers.map(([name, value]) => ({ name: binaryStringToDisplay(name), value: binaryStringToDisplay(value) }));

/** Text when the bytes are UTF-8 (what nearly every postback is), base64 otherwise: never lossy. */
function bodyText(body: Buffer): { text: string; encoding?: 'base64' } {
  return isValidUtf8(body) ? { text: body.toString('utf8') } : { text: body.toString('base64'), encoding: 'base64' };
}

function cookiesOf(headers: RawHeaders, name: 'cookie' | 'set-cookie'): HarNameValue[] {
  const cookies: HarNameValue[] = [];
  for (const value of headerValues(headers, name)) {
    const pairs = name === 'cookie' ? value.split(/;\s*/) : [value.split(';')[0] ?? ''];
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.push({ name: binaryStringToDisplay(pair.slice(0, eq).trim()), value: binaryStringToDisplay(pair.slice(eq + 1).trim()) });
    }
  }
  return cookies;
}

/** An absolute URL for the spec; the exact target stays in `_raw.target`. */
function urlOf(row: ExportRow, receiverOrigin: string): string {
  const { exchange: e } = row;
  if (row.imported) return row.imported.url;
  const target = binaryStringToDisplay(e.target);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) return target;
  const path = target.startsWith('/') ? target : `/${target}`;
  if (e.direction === 'out') {
    return `${row.destination ?? `http://${e.remoteAddress}:${e.remotePort}`}${path}`;
  }
  const host = headerValue(e.rawHeaders, 'host');
  return host ? `http://${binaryStringToDisplay(host)}${path}` : `${receiverOrigin}${path}`;
}

function postDataOf(e: StoredExchange, imported: ImportedFacts | null): HarPostData | undefined {
  if (e.body.length === 0 && imported?.postDataMimeType == null) return undefined;
  const mimeType = imported?.postDataMimeType ?? (e.contentType !== null ? binaryStringToDisplay(e.contentType) : 'application/octet-stream');
  return { mimeType, ...bodyText(e.body) };
}

function responseOf(row: ExportRow): HarResponse {
  const { exchange: e, imported } = row;
  const response = e.response;
  if (!response) {
    return { status: 0, statusText: imported?.statusText ?? '', httpVersion: imported?.responseHttpVersion ?? '', cookies: [], headers: [], content: { size: 0, mimeType: imported?.contentMimeType ?? 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1 };
  }
  const type = headerValue(response.rawHeaders, 'content-type');
  const content: HarContent = {
    size: response.body.length,
    mimeType: imported?.contentMimeType ?? (type !== null ? binaryStringToDisplay(type) : 'x-unknown'),
    ...(response.body.length > 0 ? bodyText(response.body) : {}),
  };
  const location = headerValue(response.rawHeaders, 'location');
  return {
    status: response.status,
    statusText: imported?.statusText ?? STATUS_CODES[response.status] ?? '',
    httpVersion: imported?.responseHttpVersion ?? 'HTTP/1.1',
    cookies: cookiesOf(response.rawHeaders, 'set-cookie'),
    headers: nameValues(response.rawHeaders),
    content,
    redirectURL: imported?.redirectURL ?? (location !== null ? binaryStringToDisplay(location) : ''),
    headersSize: -1,
    bodySize: response.body.length,
    _raw: { headers: response.rawHeaders },
  };
}

export function harEntryOf(row: ExportRow, receiverOrigin: string): HarEntry {
  const { exchange: e, imported } = row;
  const postData = postDataOf(e, imported);
  const entry: HarEntry = {
    startedDateTime: imported?.startedDateTime ?? new Date(e.receivedAt).toISOString(),
    time: imported?.time ?? e.durationMs,
    request: {
      method: e.method,
      url: urlOf(row, receiverOrigin),
      httpVersion: imported?.requestHttpVersion ?? `HTTP/${e.httpVersion}`,
      cookies: cookiesOf(e.rawHeaders, 'cookie'),
      headers: nameValues(e.rawHeaders),
      queryString: parseQuery(splitTarget(e.target).rawQuery).map((p) => ({ name: p.name, value: p.value })),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: e.body.length,
      _raw: { target: e.target, headers: e.rawHeaders },
    },
    response: responseOf(row),
    cache: {},
    // All we measure is the whole exchange: it is the wait (send and receive are within it).
    timings: imported?.timings ?? { send: 0, wait: e.durationMs, receive: 0 },
    ...(imported?.serverIPAddress !== undefined ? { serverIPAddress: imported.serverIPAddress } : {}),
    ...(imported?.connection !== undefined ? { connection: imported.connection } : {}),
    ...(imported?.comment !== undefined ? { comment: imported.comment } : {}),
    _id: e.id,
    _direction: e.direction,
    _remoteAddress: e.remoteAddress,
    _remotePort: e.remotePort,
    _rejected: e.rejected,
    _answeredBy: e.answeredBy,
    _endpointId: e.endpointId,
    _duplicate: row.duplicate,
    _verdict: row.verdict ? { status: row.verdict.status, signature: row.verdict.signature, failures: row.verdict.failures, warnings: row.verdict.warnings, profileId: row.verdict.profileId } : null,
    _imported: imported !== null,
  };
  return entry;
}
