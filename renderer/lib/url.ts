/**
 * The full URL a postback was sent to, from our receiver's base and the raw request target.
 * String concatenation on purpose: URL() would normalise the target (+, %20, dot segments…).
 */
export function fullUrl(receiverUrl: string | undefined, target: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target; // absolute-form (proxy-style) target
  const base = (receiverUrl ?? '').replace(/\/+$/, '');
  return `${base}${target.startsWith('/') ? '' : '/'}${target}`;
}

/** What `requestUrl` reads of an exchange detail. */
export interface UrlFacts {
  direction: 'in' | 'out';
  url: string;
  rawHeaders: Array<[string, string]>;
  remotePort: number;
  destination?: string | null;
}

/**
 * The URL line of an exchange: a received one on our receiver, a sent one at the partner it went
 * to (its destination; without one, e.g. a HAR import, its Host header over https for port 443).
 */
export function requestUrl(detail: UrlFacts, receiverUrl: string | undefined): string {
  if (detail.direction === 'in') return fullUrl(receiverUrl, detail.url);
  if (detail.destination) return fullUrl(detail.destination, detail.url);
  const host = detail.rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1];
  if (!host) return detail.url;
  return fullUrl(`${detail.remotePort === 443 ? 'https' : 'http'}://${host}`, detail.url);
}
