/**
 * Parses an HTTP/1.x request message saved to a file (request line, headers, blank line, body),
 * exactly what GET /api/exchanges/:id/raw returns, and what people paste from proxies and logs.
 *
 * Bytes stay bytes: the head is read as latin1 (one char per byte, like the store's binary
 * strings) and the body is a slice of the input, so binary bodies survive. Tolerant where files
 * get mangled in harmless ways (LF line endings, a BOM, an editor's final newline), strict where
 * guessing would change what is compared (bad chunk framing, conflicting Content-Length).
 */
import type { RawHeaders } from '../model/exchange.js';
import { headerValues } from './headers.js';
import type { RawRequest } from './raw-request.js';

export interface ParsedRawMessage extends RawRequest {
  /** '1.1'; null when the request line has no version (a hand-written `GET /pb?x=1`). */
  httpVersion: string | null;
  /** Order, casing and duplicates kept; values are binary strings. */
  rawHeaders: RawHeaders;
  /** The body after undoing chunked framing (as the store keeps it); Content-Encoding is not undone here. */
  body: Buffer;
  /** Trailer fields of a chunked body (not part of what the store keeps). */
  trailers: RawHeaders;
  /** Things that were tolerated, for the CLI to show. */
  warnings: string[];
  /** The body is shorter or longer than Content-Length says; `warning` is the entry in `warnings`. */
  lengthMismatch: { declared: number; received: number; warning: string } | null;
}

export interface RawMessageOptions {
  /**
   * Quote offending lines in errors (default). Off for messages that may be a mistaken file in a
   * CI log (a secret, a token header): errors then describe lines without repeating them.
   */
  quoteInput?: boolean;
}

export class RawMessageError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'RawMessageError';
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LF = 0x0a;
const CR = 0x0d;

/** Reads LF-terminated lines (a CR before the LF is dropped) from a buffer. */
class Lines {
  pos = 0;
  number = 0;
  constructor(readonly buf: Buffer) {}

  /** The next line without its terminator, or null at the end of the input. */
  next(): string | null {
    if (this.pos >= this.buf.length) return null;
    const nl = this.buf.indexOf(LF, this.pos);
    const end = nl < 0 ? this.buf.length : nl;
    const stop = end > this.pos && this.buf[end - 1] === CR ? end - 1 : end;
    const line = this.buf.toString('latin1', this.pos, stop);
    this.pos = nl < 0 ? this.buf.length : nl + 1;
    this.number++;
    return line;
  }
}

export function parseRawMessage(input: Uint8Array, options: RawMessageOptions = {}): ParsedRawMessage {
  const show: Show = options.quoteInput === false ? (text) => `(${text.length} characters)` : (text) => `"${text}"`;
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const warnings: string[] = [];
  const lines = new Lines(buf);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    lines.pos = 3;
    warnings.push('skipped a UTF-8 byte order mark at the start of the file');
  }
  // RFC 9112 §2.2: empty lines before the request line are to be ignored.
  let requestLine = lines.next();
  while (requestLine === '') requestLine = lines.next();
  if (requestLine === null) throw new RawMessageError('the file is empty: expected a request line such as "GET /pb?x=1 HTTP/1.1"');
  const { method, target, httpVersion } = parseRequestLine(requestLine, lines.number, warnings, show);
  const rawHeaders = parseFields(lines, warnings, false, show);
  const framed = frameBody(buf.subarray(lines.pos), rawHeaders, warnings, show);
  return { method, target, httpVersion, rawHeaders, body: framed.body, trailers: framed.trailers, warnings, lengthMismatch: framed.lengthMismatch };
}

/** How errors name a piece of the input: quoted, or only described (see RawMessageOptions). */
type Show = (text: string) => string;

function parseRequestLine(line: string, number: number, warnings: string[], show: Show): { method: string; target: string; httpVersion: string | null } {
  if (/^HTTP\/\d/.test(line)) throw new RawMessageError(`${show(line)} is a status line: this is a response, not a request`, number);
  const m = /^(\S+)[ \t]+(\S+)(?:[ \t]+(\S+))?[ \t]*$/.exec(line);
  if (!m) throw new RawMessageError(`expected "METHOD target HTTP/1.1", got ${show(line)}`, number);
  const [, method = '', target = '', version] = m;
  if (!TOKEN.test(method)) throw new RawMessageError(`${show(method)} is not an HTTP method`, number);
  if (version === undefined) {
    warnings.push('the request line has no HTTP version; HTTP/1.1 assumed');
    return { method, target, httpVersion: null };
  }
  const v = /^HTTP\/(\d(?:\.\d)?)$/.exec(version);
  if (!v) throw new RawMessageError(`${show(version)} is not an HTTP version such as HTTP/1.1`, number);
  return { method, target, httpVersion: v[1] ?? null };
}

/** Header (or trailer) fields up to the blank line or the end of the input. */
function parseFields(lines: Lines, warnings: string[], trailers: boolean, show: Show): RawHeaders {
  const fields: RawHeaders = [];
  for (let line = lines.next(); line !== null && line !== ''; line = lines.next()) {
    const last = fields[fields.length - 1];
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // Obsolete line folding (RFC 9112 §5.2): the continuation joins the value with one space.
      if (!last) throw new RawMessageError('a continuation line comes before any header', lines.number);
      last[1] = `${last[1]} ${line.trim()}`.trim();
      warnings.push(`line ${lines.number}: folded header line joined to "${last[0]}"`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new RawMessageError(`expected "Name: value", got ${show(line)}`, lines.number);
    let name = line.slice(0, colon);
    if (/[ \t]$/.test(name)) {
      warnings.push(`line ${lines.number}: whitespace before the colon of "${name.trim()}" removed`);
      name = name.trimEnd();
    }
    if (!TOKEN.test(name)) throw new RawMessageError(`${show(name)} is not a valid ${trailers ? 'trailer' : 'header'} name`, lines.number);
    fields.push([name, line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }
  return fields;
}

interface Framed {
  body: Buffer;
  trailers: RawHeaders;
  lengthMismatch: ParsedRawMessage['lengthMismatch'];
}

function frameBody(rest: Buffer, headers: RawHeaders, warnings: string[], show: Show): Framed {
  const codings = headerValues(headers, 'transfer-encoding')
    .flatMap((v) => v.split(','))
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '');
  if (codings.length > 0) {
    if (codings[codings.length - 1] !== 'chunked') throw new RawMessageError(`Transfer-Encoding "${codings.join(', ')}" does not end in chunked: the body length is unknown`);
    if (codings.length > 1) warnings.push(`Transfer-Encoding ${codings.slice(0, -1).join(', ')} not undone`);
    return { ...dechunk(rest, warnings, show), lengthMismatch: null };
  }
  const lengths = [...new Set(headerValues(headers, 'content-length').flatMap((v) => v.split(',')).map((v) => v.trim()))];
  if (lengths.length > 1) throw new RawMessageError(`conflicting Content-Length values: ${lengths.join(', ')}`);
  const declared = lengths[0];
  if (declared === undefined) {
    // RFC 9112 §6.3: no Content-Length and no Transfer-Encoding means no body. A file may still
    // carry one typed by hand; an editor's trailing newline is not one.
    if (/^[\r\n]*$/.test(rest.toString('latin1'))) return { body: Buffer.alloc(0), trailers: [], lengthMismatch: null };
    warnings.push(`no Content-Length or Transfer-Encoding: the ${rest.length} bytes after the blank line were taken as the body`);
    return { body: rest, trailers: [], lengthMismatch: null };
  }
  if (!/^\d{1,15}$/.test(declared)) throw new RawMessageError(`Content-Length ${show(declared)} is not a number`);
  const length = Number(declared);
  if (rest.length === length) return { body: rest, trailers: [], lengthMismatch: null };
  const warning =
    rest.length < length
      ? `the body is ${length - rest.length} bytes shorter than Content-Length ${length}`
      : `ignored ${rest.length - length} bytes after the Content-Length ${length} body`;
  warnings.push(warning);
  return { body: rest.subarray(0, length), trailers: [], lengthMismatch: { declared: length, received: rest.length, warning } };
}

/** Undoes chunked framing (RFC 9112 §7.1); sizes may carry extensions, line ends may be LF only. */
function dechunk(data: Buffer, warnings: string[], show: Show): { body: Buffer; trailers: RawHeaders } {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const nl = data.indexOf(LF, pos);
    if (nl < 0) throw new RawMessageError('chunked body ends before its last (zero-size) chunk');
    const sizeLine = data.toString('latin1', pos, nl).replace(/\r$/, '');
    const sizeText = (sizeLine.split(';')[0] ?? '').trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(sizeText)) throw new RawMessageError(`chunked body: ${show(sizeLine)} is not a chunk size`);
    const size = Number.parseInt(sizeText, 16);
    pos = nl + 1;
    if (size === 0) break;
    if (pos + size > data.length) throw new RawMessageError(`chunked body: a ${size}-byte chunk is cut short (${data.length - pos} bytes left)`);
    chunks.push(data.subarray(pos, pos + size));
    pos += size;
    if (data[pos] === CR && data[pos + 1] === LF) pos += 2;
    else if (data[pos] === LF) pos += 1;
    else throw new RawMessageError(`chunked body: no line break after a ${size}-byte chunk (is the size right?)`);
  }
  const lines = new Lines(data);
  lines.pos = pos;
  const trailers = parseFields(lines, warnings, true, show);
  const after = data.subarray(lines.pos);
  if (!/^[\r\n]*$/.test(after.toString('latin1'))) warnings.push(`ignored ${after.length} bytes after the chunked body`);
  return { body: Buffer.concat(chunks), trailers };
}

/** A raw message read as a request to verify: what a signature check needs, and where it was sent. */
export interface ParsedRequestMessage {
  request: RawRequest;
  /** From an absolute-form request line (`GET https://host/pb?… HTTP/1.1`): the URL the sender signed. */
  fullUrl: string | null;
  notes: string[];
}

/**
 * The strict reading `verify` needs: a real request line with its HTTP version, a body exactly as
 * long as Content-Length says (a cut message would verify as a wrong signature, which misleads),
 * and errors that never quote the input, since a mistaken file (a secret) must not reach a CI log.
 */
export function parseRawRequest(input: Uint8Array): ParsedRequestMessage {
  const requestLine = firstLine(input);
  if (!/^[A-Za-z]+ \S+ HTTP\/\d\.\d$/.test(requestLine.trim())) {
    throw new RawMessageError(`the first line (${requestLine.length} characters) is not an HTTP/1.x request line "METHOD target HTTP/1.1"`);
  }
  const m = parseRawMessage(input, { quoteInput: false });
  const notes = m.warnings.filter((w) => w !== m.lengthMismatch?.warning);
  if (m.lengthMismatch) {
    const { declared, received } = m.lengthMismatch;
    if (received < declared) throw new RawMessageError(`the body is ${received} bytes but Content-Length says ${declared}: the message is cut short`);
    notes.push(`${received - declared} byte(s) after the Content-Length body were ignored`);
  }
  let target = m.target;
  let fullUrl: string | null = null;
  const absolute = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(target);
  if (absolute) {
    fullUrl = target;
    target = absolute[2] || '/';
  }
  return { request: { method: m.method.toUpperCase(), target, rawHeaders: m.rawHeaders, body: m.body }, fullUrl, notes };
}

/** The first non-empty line, as a binary string. */
function firstLine(input: Uint8Array): string {
  let start = 0;
  while (input[start] === CR || input[start] === LF) start++;
  let end = start;
  while (end < input.length && input[end] !== LF) end++;
  return Buffer.from(input.buffer, input.byteOffset + start, end - start).toString('latin1').replace(/\r$/, '');
}
