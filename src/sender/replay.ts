import type { RawHeaders } from '../model/exchange.js';
import type { StoredExchange } from '../store/exchange-record.js';
import { percentDecode, splitTarget } from '../shared/query-params.js';
import { encodeQueryComponent, utf8ToBinary } from './encoding.js';
import type { ReplayInput } from './sender-types.js';
import type { WireRequest } from './transport.js';
import { headerEntry, headerValue } from '../http/headers.js';

export interface ReplayRequest {
  wire: WireRequest;
  notes: string[];
}

/**
 * A captured exchange as a request to send again: byte-exact by default (method, target, headers
 * in order with their casing and duplicates, body bytes, Host as captured), or with the edits
 * asked for. Throws a plain Error for a destination it cannot use.
 */
export function buildReplay(source: StoredExchange, input: ReplayInput): ReplayRequest {
  const notes: string[] = [];
  const host = headerValue(source.rawHeaders, 'host') ?? undefined;
  const destination = input.url ?? (host ? `http://${host}` : null);
  if (!destination) throw new Error('the captured request has no Host header: give a destination url');
  const match = /^(https?):\/\/([^/?#]+)([^#]*)/i.exec(destination.trim());
  if (!match) throw new Error(`"${destination}" is not an http(s) URL`);
  const origin = `${match[1]!.toLowerCase()}://${match[2]}`;
  const authority = new URL(origin).host;

  // An origin alone (or with a bare "/") keeps the captured target; anything more replaces it.
  const rest = match[3] ?? '';
  let target = input.target !== undefined ? utf8ToBinary(input.target) : rest !== '' && rest !== '/' ? utf8ToBinary(rest) : source.target;
  if (input.setParams && Object.keys(input.setParams).length > 0) target = setParams(target, input.setParams);

  let headers: RawHeaders = input.headers ? input.headers.map(([n, v]) => [n, utf8ToBinary(v)]) : source.rawHeaders.map(([n, v]) => [n, v]);
  const removed = new Set((input.removeHeaders ?? []).map((n) => n.toLowerCase()));
  if (removed.size) headers = headers.filter(([n]) => !removed.has(n.toLowerCase()));
  for (const [name, value] of input.setHeaders ?? []) {
    const existing = headerEntry(headers, name);
    if (existing) existing[1] = utf8ToBinary(value);
    else headers.push([name, utf8ToBinary(value)]);
  }
  const hostHeader = headerEntry(headers, 'host');
  if (input.rewriteHost && hostHeader) hostHeader[1] = authority;
  else if (hostHeader && hostHeader[1].toLowerCase() !== authority.toLowerCase()) {
    notes.push(`The Host header is kept as captured (${hostHeader[1]}) while connecting to ${authority}; set rewriteHost to change it.`);
  }

  const body = input.body === undefined ? source.body : Buffer.from(input.body, input.bodyEncoding === 'base64' ? 'base64' : 'utf8');
  const declared = headerValue(headers, 'content-length') ?? undefined;
  if (declared !== undefined && declared.trim() !== String(body.length)) notes.push(`Content-Length set to ${body.length} (the body changed from ${declared.trim()} bytes).`);
  return { wire: { method: input.method ?? source.method, origin, target, headers, body }, notes };
}

/** Sets query params on a raw target, keeping every other byte (order, duplicates, `+` vs `%20`) as it was. */
export function setParams(target: string, params: Record<string, string>): string {
  const { path, rawQuery } = splitTarget(target);
  const pieces = rawQuery === null || rawQuery === '' ? [] : rawQuery.split('&');
  for (const [name, value] of Object.entries(params)) {
    const encoded = `${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`;
    const at = pieces.findIndex((piece) => {
      const eq = piece.indexOf('=');
      return percentDecode(eq < 0 ? piece : piece.slice(0, eq), true).text === name;
    });
    if (at >= 0) pieces[at] = encoded;
    else pieces.push(encoded);
  }
  return pieces.length ? `${path}?${pieces.join('&')}` : path;
}
