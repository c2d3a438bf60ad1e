import type { ExpectedRequestInput } from '../../../src/model/comparison';

/**
 * A pasted expected request: a raw HTTP message (`GET /pb?x=1 HTTP/1.1`, headers, blank line,
 * body) or just a URL. Strings are kept exactly as typed: the point is to see what the wire changed.
 */
export function parseExpected(text: string): ExpectedRequestInput | { error: string } {
  const normalized = text.replace(/\r\n/g, '\n').replace(/^\s*\n/, '');
  const blank = normalized.indexOf('\n\n');
  const head = (blank === -1 ? normalized : normalized.slice(0, blank)).replace(/\s+$/, '');
  const body = blank === -1 ? '' : normalized.slice(blank + 2);
  const lines = head.split('\n');
  const first = (lines[0] ?? '').trim();
  if (first === '') return { error: 'Paste a request: a URL, or a request line such as GET /pb?click_id=1 HTTP/1.1 with headers below it.' };
  let method = 'GET';
  let url: string;
  const requestLine = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(first);
  if (requestLine && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first)) {
    method = requestLine[1]!;
    url = requestLine[2]!;
  } else if (/^([a-z][a-z0-9+.-]*:\/\/|\/)\S*$/i.test(first)) {
    url = first;
  } else {
    return { error: `Line 1: “${first.slice(0, 60)}” is neither a URL nor a request line (METHOD target HTTP/1.1).` };
  }
  const rawHeaders: Array<[string, string]> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `Line ${i + 1}: a header is written Name: value.` };
    rawHeaders.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { method, url, rawHeaders, ...(body ? { body } : {}) };
}

export function expectedLabel(e: ExpectedRequestInput): string {
  return `${e.method} ${e.url}`;
}
