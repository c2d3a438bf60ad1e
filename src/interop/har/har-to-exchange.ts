/**
 * One HAR entry → the exchange it describes, bytes first: `_raw` (our own exports) wins over the
 * readable fields, base64 bodies are decoded, text bodies become their UTF-8 bytes. Only http(s)
 * entries are HTTP exchanges; others (data:, blob:, ws:) are skipped and reported by the caller.
 */
import type { RawHeaders, RejectionCode } from '../../model/exchange.js';
import { headerValue } from '../../http/headers.js';
import { splitTarget } from '../../http/target.js';
import { utf8ToBinary } from '../../sender/encoding.js';
import type { ExchangeRecord } from '../../store/exchange-record.js';
import type { HarContent, HarEntry, HarNameValue, HarPostData } from './har-types.js';
import type { ImportedFacts } from './imported-facts.js';
import { splitUrl } from '../../sender/expand.js';

export interface ImportedExchange {
  record: ExchangeRecord;
  facts: ImportedFacts;
}

const rejections: readonly RejectionCode[] = ['body_too_large', 'aborted', 'malformed', 'timeout', 'not_proxied'];

export function isHttpEntry(entry: HarEntry): boolean {
  return /^https?:\/\//i.test(entry.request.url);
}

/** Bytes after the authority (path, query): the request target an origin server would have seen. */
export function targetOfUrl(url: string): string {
  return utf8ToBinary(splitUrl(url).target);
}

function headersOf(list: HarNameValue[] | undefined, raw: Array<[string, string]> | undefined): RawHeaders {
  if (raw) return raw.map(([n, v]) => [n, v]);
  return (list ?? []).map((h) => [utf8ToBinary(h.name), utf8ToBinary(h.value)]);
}

function bytesOf(holder: { text?: string; encoding?: string } | undefined): Buffer {
  if (!holder || holder.text === undefined) return Buffer.alloc(0);
  return holder.encoding === 'base64' ? Buffer.from(holder.text.replace(/\s+/g, ''), 'base64') : Buffer.from(holder.text, 'utf8');
}

/** Form params without text (some tools write only params): their urlencoded form is the body sent. */
function requestBody(postData: HarPostData | undefined): Buffer {
  if (!postData) return Buffer.alloc(0);
  if (postData.text !== undefined) return bytesOf(postData);
  if (postData.params?.length && /x-www-form-urlencoded/i.test(postData.mimeType ?? '')) {
    return Buffer.from(postData.params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value ?? '')}`).join('&'), 'utf8');
  }
  return Buffer.alloc(0);
}

function httpVersionOf(text: string | undefined): string {
  const version = /^(?:HTTP\/)?(\d(?:\.\d)?)$/i.exec((text ?? '').trim())?.[1] ?? (/^h2$/i.test(text ?? '') ? '2.0' : '1.1');
  return version;
}

export function exchangeFromEntry(entry: HarEntry, creator: string): ImportedExchange {
  const { request, response } = entry;
  const direction = entry._direction ?? 'in';
  const target = request._raw?.target ?? targetOfUrl(request.url);
  const rawHeaders = headersOf(request.headers, request._raw?.headers);
  const body = requestBody(request.postData);
  const url = new URL(request.url);
  const responseHeaders = headersOf(response.headers, response._raw?.headers);
  const rejected = rejections.find((r) => r === entry._rejected) ?? null;
  const time = typeof entry.time === 'number' && entry.time >= 0 ? entry.time : 0;
  const record: ExchangeRecord = {
    direction,
    method: request.method,
    target,
    path: splitTarget(target).path,
    httpVersion: httpVersionOf(request.httpVersion),
    rawHeaders,
    contentType: headerValue(rawHeaders, 'content-type'),
    body,
    bodySize: body.length,
    // For an in exchange the remote is the client (HAR does not say who it was); for out, the server.
    remoteAddress: entry._remoteAddress ?? (direction === 'out' ? (entry.serverIPAddress ?? url.hostname) : ''),
    remotePort: entry._remotePort ?? (direction === 'out' ? Number(url.port || (url.protocol === 'https:' ? 443 : 80)) : 0),
    receivedAt: Date.parse(entry.startedDateTime),
    durationMs: time,
    rejected,
    response: response.status > 0 ? { status: response.status, rawHeaders: responseHeaders, body: bytesOf(response.content as HarContent | undefined) } : null,
    answeredBy: typeof entry._answeredBy === 'string' ? entry._answeredBy : `imported from HAR (${creator})`,
    endpointId: null,
    correlation: null,
  };
  const facts: ImportedFacts = {
    source: 'har',
    url: request.url,
    startedDateTime: entry.startedDateTime,
    time: typeof entry.time === 'number' ? entry.time : time,
    timings: entry.timings ?? { send: 0, wait: time, receive: 0 },
    requestHttpVersion: request.httpVersion ?? '',
    responseHttpVersion: response.httpVersion ?? '',
    statusText: response.statusText ?? '',
    redirectURL: response.redirectURL ?? '',
    contentMimeType: response.content?.mimeType ?? null,
    postDataMimeType: request.postData?.mimeType ?? null,
    creator,
    ...(entry.serverIPAddress !== undefined ? { serverIPAddress: entry.serverIPAddress } : {}),
    ...(entry.connection !== undefined ? { connection: entry.connection } : {}),
    ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
  };
  return { record, facts };
}
