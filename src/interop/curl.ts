/**
 * "Copy as cURL": a shell command (bash/zsh) that sends the captured request again, byte for byte
 * where curl allows it. Pure and DOM/Node-free: the renderer and the CLI both use it.
 *
 * Faithfulness rules:
 * - The URL is used exactly as given (no normalisation); --globoff / --path-as-is stop curl from
 *   expanding `[]{}` or squashing `/../`.
 * - Headers keep their order, name casing and duplicates. Content-Length, Host and Connection are
 *   left to curl (it computes them for the new connection).
 * - curl's own default headers (User-Agent, Accept, Content-Type for --data-binary, Expect) are
 *   suppressed when the capture did not carry them, so the replay sends nothing extra.
 * - Bytes that are not printable (or not valid UTF-8) are written as \xHH inside $'…' (ANSI-C
 *   quoting). A NUL byte cannot live in a shell argument at all, so such bodies are piped in
 *   through printf (octal escapes) and read with --data-binary @-.
 */

export type CurlHeaders = ReadonlyArray<readonly [name: string, value: string]>;

export interface CurlRequest {
  method: string;
  /** Absolute URL; the request target inside it is kept exactly as written. */
  url: string;
  /** Headers as received. Strings whose chars are all <= U+00FF are taken as latin1 bytes (Node's rawHeaders). */
  rawHeaders: CurlHeaders;
  body: Uint8Array;
  /** e.g. '1.0' or '1.1'; only 1.0 changes the command. */
  httpVersion?: string;
}

export interface CurlOptions {
  /** One argument group per line with `\` continuations (default true). */
  multiline?: boolean;
  /**
   * Read the body from this file instead of inlining it (for bodies too long for one shell
   * argument: Linux caps a single argument at 128 KiB).
   */
  bodyFile?: string;
}

/** Headers curl decides itself for the new connection. */
const LEFT_TO_CURL = new Set(['content-length', 'host', 'connection']);

/** Above this many bytes curl 7.x adds `Expect: 100-continue` on its own. */
const CURL_EXPECT_THRESHOLD = 1024;

export function toCurl(req: CurlRequest, options: CurlOptions = {}): string {
  const multiline = options.multiline ?? true;
  // Methods are case-sensitive on the wire; compare and send them as captured.
  const method = req.method;
  const present = new Set(req.rawHeaders.map(([name]) => name.toLowerCase()));
  const hasBody = req.body.length > 0 || options.bodyFile !== undefined;
  // A POST with `Content-Length: 0` is still a request with a (empty) body; keep that.
  const sendsData = hasBody || (present.has('content-length') && method !== 'GET' && method !== 'HEAD');
  const pipeBody = options.bodyFile === undefined && req.body.includes(0);

  const head: string[] = ['curl'];
  if (method === 'HEAD' && !sendsData) head.push('--head');
  else if (method !== (sendsData ? 'POST' : 'GET')) head.push(`-X ${/^[A-Za-z0-9_-]+$/.test(method) ? method : quoteArg(textBytes(method))}`);
  if (req.httpVersion === '1.0') head.push('--http1.0');
  if (/[[\]{}]/.test(req.url)) head.push('--globoff');
  if (hasDotSegment(req.url)) head.push('--path-as-is');
  head.push(quoteArg(textBytes(req.url)));
  const args: string[] = [head.join(' ')];

  for (const [name, value] of req.rawHeaders) {
    if (LEFT_TO_CURL.has(name.toLowerCase())) continue;
    // `Name:` would tell curl to drop the header; `Name;` sends it with an empty value.
    const header = value === '' ? `${name};` : `${name}: ${value}`;
    args.push(`-H ${quoteArg(textBytes(header))}`);
  }
  if (!present.has('user-agent')) args.push("-H 'User-Agent:'");
  if (!present.has('accept')) args.push("-H 'Accept:'");
  if (sendsData && !present.has('content-type')) args.push("-H 'Content-Type:'");
  if (sendsData && !present.has('expect') && (req.body.length > CURL_EXPECT_THRESHOLD || options.bodyFile !== undefined)) {
    args.push("-H 'Expect:'");
  }

  if (options.bodyFile !== undefined) args.push(`--data-binary ${quoteArg(textBytes(`@${options.bodyFile}`))}`);
  else if (pipeBody) args.push('--data-binary @-');
  else if (sendsData) args.push(`--data-binary ${quoteArg(req.body)}`);

  const command = args.join(multiline ? ' \\\n  ' : ' ');
  return pipeBody ? `printf ${printfFormat(req.body)} | ${command}` : command;
}

/** Bytes of a string that came from the wire: latin1 when it fits (Node's decoding), else UTF-8. */
export function textBytes(text: string): Uint8Array {
  let latin1 = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) {
      latin1 = false;
      break;
    }
  }
  if (!latin1) return new TextEncoder().encode(text);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function hasDotSegment(url: string): boolean {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/, 1)[0] ?? '';
  return /(^|\/)\.\.?(\/|$)/.test(path);
}

/**
 * Quote one shell argument. Plain '…' when every byte is visible text; otherwise $'…' with
 * \xHH for the rest, so the command stays on one line and survives copy/paste.
 */
export function quoteArg(bytes: Uint8Array): string {
  let literal = '';
  let ansi = '';
  let plain = true;
  forEachPiece(bytes, (text, byte) => {
    if (text === null || text === "'") plain = false;
    if (text !== null) literal += text;
    ansi += text === null ? ansiEscape(byte) : text === '\\' ? '\\\\' : text === "'" ? "\\'" : text;
  });
  return plain ? `'${literal}'` : `$'${ansi}'`;
}

const ANSI_NAMED: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

function ansiEscape(byte: number): string {
  return ANSI_NAMED[byte] ?? `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** A printf format (single-quoted) that writes exactly these bytes, NULs included. */
function printfFormat(bytes: Uint8Array): string {
  let out = '';
  forEachPiece(bytes, (text, byte) => {
    // A leading '-' would be read as an option (multipart bodies start with "--boundary").
    const special = text === null || text === "'" || text === '\\' || text === '%' || (out === '' && text === '-');
    out += special ? `\\${byte.toString(8).padStart(3, '0')}` : text;
  });
  return `'${out}'`;
}

/**
 * Walk bytes as visible text where possible. Calls back with the text of a printable ASCII char
 * or of a whole visible UTF-8 sequence, or with text=null for each byte that must be escaped.
 */
function forEachPiece(bytes: Uint8Array, visit: (text: string | null, byte: number) => void): void {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b >= 0x20 && b < 0x7f) {
      visit(String.fromCharCode(b), b);
      i++;
      continue;
    }
    const len = utf8SequenceLength(bytes, i);
    if (len > 0) {
      const cp = decodeCodePoint(bytes, i, len);
      if (isVisible(cp)) {
        visit(String.fromCodePoint(cp), b);
        i += len;
        continue;
      }
      for (let k = 0; k < len; k++) visit(null, bytes[i + k]!);
      i += len;
      continue;
    }
    visit(null, b);
    i++;
  }
}

/** Length of a well-formed multi-byte UTF-8 sequence at i, or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  let len: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
  else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
  else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
  else return 0;
  if (i + len > bytes.length) return 0;
  for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  const cp = decodeCodePoint(bytes, i, len);
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

function decodeCodePoint(bytes: Uint8Array, i: number, len: number): number {
  let cp = bytes[i]! & (0xff >> (len + 1));
  for (let k = 1; k < len; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
  return cp;
}

/** Invisible or layout-changing code points are escaped so they cannot hide in a command. */
function isVisible(cp: number): boolean {
  if (cp < 0xa0) return false; // C0, DEL, C1
  if (cp === 0xad || cp === 0x034f || cp === 0x061c || cp === 0x180e) return false;
  if (cp >= 0x2000 && cp <= 0x200f) return false; // odd spaces, zero-width, bidi marks
  if (cp >= 0x2028 && cp <= 0x202f) return false;
  if (cp >= 0x205f && cp <= 0x206f) return false; // incl. U+2063 (SKAdNetwork separator)
  if (cp === 0xfeff || (cp >= 0xfff0 && cp <= 0xfffb)) return false;
  return true;
}
