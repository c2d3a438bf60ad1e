/**
 * The full URL a postback was sent to, from our receiver's base and the raw request target.
 * String concatenation on purpose: URL() would normalise the target (+, %20, dot segments…).
 */
export function fullUrl(receiverUrl: string | undefined, target: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target; // absolute-form (proxy-style) target
  const base = (receiverUrl ?? '').replace(/\/+$/, '');
  return `${base}${target.startsWith('/') ? '' : '/'}${target}`;
}
