import type { RawHeaders } from '../model/exchange.js';
import type { BodyMode, TemplateSpec } from '../model/sender.js';
import { guessDialect } from './dialects.js';
import { encodeQueryComponent } from './encoding.js';
import { shellWords } from './shell-words.js';
import { headerValue } from '../http/headers.js';

export interface CurlImport {
  template: TemplateSpec;
  /** Options that were ignored or could not be carried over, in words. */
  warnings: string[];
  /** `-k/--insecure` was given: the send should skip certificate checks. */
  insecureTls: boolean;
}

/** Short options that take a value (the value may be attached: `-XPOST`, `-H'X: y'`). */
const shortWithValue = new Set(['X', 'H', 'd', 'u', 'A', 'e', 'b', 'm', 'o', 'w', 'x', 'F', 'T', 'c', 'K', 'E', 'r', 'Y', 'y', 'z', 'C', 'Q', 'U']);
const longWithValue = new Set([
  'request', 'header', 'data', 'data-raw', 'data-binary', 'data-ascii', 'data-urlencode', 'json', 'url', 'user', 'user-agent', 'referer',
  'cookie', 'max-time', 'output', 'write-out', 'proxy', 'connect-timeout', 'retry', 'resolve', 'cacert', 'cert', 'key', 'form', 'upload-file',
  'cookie-jar', 'config', 'range', 'retry-delay', 'retry-max-time', 'limit-rate', 'interface', 'max-redirs', 'unix-socket', 'oauth2-bearer',
]);
const shortNames: Record<string, string> = {
  X: 'request', H: 'header', d: 'data', u: 'user', A: 'user-agent', e: 'referer', b: 'cookie', m: 'max-time', G: 'get', I: 'head', L: 'location',
  k: 'insecure', F: 'form', o: 'output', w: 'write-out', x: 'proxy', T: 'upload-file', c: 'cookie-jar', K: 'config', r: 'range',
};
const silentlyIgnored = new Set(['silent', 'show-error', 'verbose', 'include', 'globoff', 'path-as-is', 'http1.1', 'http1.0', 'fail', 'no-progress-meter', 'no-buffer', 's', 'S', 'v', 'i', 'g', 'f', 'N']);

/**
 * Imports a pasted `curl …` command as a template: method, URL, headers (order and casing kept),
 * body and its mode, with the macro dialect guessed from the tokens it contains. Supports -X, -H,
 * -d/--data/--data-raw/--data-binary/--data-ascii/--data-urlencode, --json, --url, -G, -I, -u,
 * -A, -e, -b, -L, -k, -m and quoted arguments; anything else is listed in `warnings`.
 */
export function importCurl(command: string): CurlImport {
  const commands = shellWords(command);
  const words = commands.find((w) => /(^|\/)curl(\.exe)?$/.test(w[0] ?? ''));
  if (!words) throw new Error('no curl command found');
  const warnings: string[] = [];
  if (commands.length > 1) warnings.push('Only the curl command was imported (the rest of the pipeline was ignored; a body piped in with @- is not available).');

  let method: string | null = null;
  let url: string | null = null;
  const headers: RawHeaders = [];
  const data: string[] = [];
  let get = false;
  let head = false;
  let json = false;
  let followRedirects = false;
  let insecureTls = false;
  let timeoutMs: number | undefined;
  const suppressed = new Set<string>();

  const options = expandOptions(words.slice(1));
  for (const { name, value } of options) {
    switch (name) {
      case '':
        if (url === null) url = value!;
        else warnings.push(`Extra URL ignored: ${value}`);
        break;
      case 'url':
        url = value!;
        break;
      case 'request':
        method = value!;
        break;
      case 'header': {
        const colon = value!.indexOf(':');
        const semicolon = value!.indexOf(';');
        if (colon < 0 && semicolon > 0 && value!.slice(semicolon + 1).trim() === '') headers.push([value!.slice(0, semicolon).trim(), '']);
        else if (colon < 0) warnings.push(`Header without a colon ignored: ${value}`);
        else if (value!.slice(colon + 1).trim() === '') suppressed.add(value!.slice(0, colon).trim().toLowerCase()); // `Name:` removes curl's own header
        else headers.push([value!.slice(0, colon).trim(), value!.slice(colon + 1).replace(/^[ \t]+/, '')]);
        break;
      }
      case 'data':
      case 'data-ascii':
      case 'data-binary':
        if (value!.startsWith('@')) warnings.push(`--${name} ${value}: the file is not read; paste its content with --data-raw`);
        else data.push(value!);
        break;
      case 'data-raw':
        data.push(value!);
        break;
      case 'data-urlencode':
        data.push(urlencodeData(value!, warnings));
        break;
      case 'json':
        json = true;
        data.push(value!);
        break;
      case 'get':
        get = true;
        break;
      case 'head':
        head = true;
        break;
      case 'user':
        headers.push(['Authorization', `Basic ${Buffer.from(value!, 'utf8').toString('base64')}`]);
        break;
      case 'user-agent':
        headers.push(['User-Agent', value!]);
        break;
      case 'referer':
        headers.push(['Referer', value!]);
        break;
      case 'cookie':
        if (value!.includes('=')) headers.push(['Cookie', value!]);
        else warnings.push(`--cookie ${value}: cookie files are not read`);
        break;
      case 'location':
        followRedirects = true;
        break;
      case 'insecure':
        insecureTls = true;
        break;
      case 'max-time':
        timeoutMs = Math.round(Number(value) * 1000) || undefined;
        break;
      case 'compressed':
        headers.push(['Accept-Encoding', 'deflate, gzip, br']);
        break;
      default:
        if (!silentlyIgnored.has(name)) warnings.push(`--${name}${value === null ? '' : ` ${value}`} is not imported`);
    }
  }
  if (!url) throw new Error('the curl command has no URL');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `http://${url}`; // curl's default scheme

  let body = data.join('&');
  if (get && data.length) {
    url += (url.includes('?') ? '&' : '?') + body;
    body = '';
  }
  const has = (n: string): boolean => headerValue(headers, n) !== null;
  if (json) {
    if (!has('content-type') && !suppressed.has('content-type')) headers.push(['Content-Type', 'application/json']);
    if (!has('accept') && !suppressed.has('accept')) headers.push(['Accept', 'application/json']);
  } else if (body !== '' && !has('content-type') && !suppressed.has('content-type')) {
    // What curl itself sends with -d / --data-binary.
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  const contentType = headerValue(headers, 'content-type') ?? '';
  const bodyMode: BodyMode = body === '' ? 'none' : /json/i.test(contentType) ? 'json' : /x-www-form-urlencoded/i.test(contentType) ? 'form' : 'raw';
  const finalMethod = method ?? (head ? 'HEAD' : data.length > 0 && !get ? 'POST' : 'GET');
  const dialect = guessDialect([url, ...headers.map(([n, v]) => `${n}: ${v}`), body].join('\n'));
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // A macro in the host: keep the raw text for the name.
  }
  const template: TemplateSpec = { name: `Imported from cURL (${host})`, method: finalMethod, url, headers, bodyMode, body, dialect };
  if (followRedirects) template.followRedirects = true;
  if (timeoutMs) template.timeoutMs = timeoutMs;
  return { template, warnings, insecureTls };
}

interface Option {
  /** Long name, or '' for a positional argument. */
  name: string;
  value: string | null;
}

/** Normalises -XPOST, -sSL, --data=x, --header x into (long name, value) pairs. */
function expandOptions(args: string[]): Option[] {
  const out: Option[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (eq > 0) out.push({ name, value: arg.slice(eq + 1) });
      else if (longWithValue.has(name)) out.push({ name, value: args[++i] ?? '' });
      else out.push({ name, value: null });
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j]!;
        if (shortWithValue.has(flag)) {
          const attached = arg.slice(j + 1);
          out.push({ name: shortNames[flag] ?? flag, value: attached !== '' ? attached : (args[++i] ?? '') });
          break;
        }
        out.push({ name: shortNames[flag] ?? flag, value: null });
      }
    } else out.push({ name: '', value: arg });
  }
  return out;
}

/** curl's --data-urlencode forms: `content`, `=content`, `name=content` (file forms are not read). */
function urlencodeData(value: string, warnings: string[]): string {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (eq < 0 || at < eq)) {
    warnings.push(`--data-urlencode ${value}: the file is not read`);
    return '';
  }
  if (eq < 0) return encodeQueryComponent(value);
  if (eq === 0) return encodeQueryComponent(value.slice(1));
  return `${value.slice(0, eq)}=${encodeQueryComponent(value.slice(eq + 1))}`;
}
