/**
 * Likeliest-cause search for the generic HMAC family: each trial recomputes the
 * HMAC under one plausible mistake and checks it against the given signature.
 */
import type { MessageSpec } from './canonical.js';
import { PARAM_ENCODINGS } from './canonical.js';
import { decodeSecret, DIGEST_ENCODINGS, HASH_ALGORITHMS } from './encoding.js';
import { bodyTrials, firstCause, NO_CAUSE_FOUND, plusCause, secretTrials, spaceEncodingVariants } from './diagnose.js';
import type { Trial } from './diagnose.js';
import { doubleEncodingVariants } from './double-encoding.js';
import { computeHmac } from './hmac-core.js';
import type { HmacOptions } from './hmac-core.js';
import { splitTarget } from '../http/target.js';
import { parseParams } from './request.js';
import type { CapturedRequest, SharedSecret } from './types.js';
import { checkDigest } from './verdict.js';

type Sorted = Extract<MessageSpec, { kind: 'sorted-params' }>;

function usesBody(m: MessageSpec): boolean {
  return m.kind === 'raw-body' || (m.kind === 'template' && m.template.includes('{body}'));
}

function usesUrl(m: MessageSpec): boolean {
  return m.kind === 'full-url' || m.kind === 'url-without-signature' || (m.kind === 'template' && /\{(url|query)\}/.test(m.template));
}

/** The request target with its raw query segments sorted by decoded name. */
function sortedTarget(url: string): string | null {
  const { path, rawQuery: query } = splitTarget(url, { dropFragment: true });
  if (!query) return null;
  const segs = query.split('&').filter(Boolean);
  const names = parseParams(query).map((p) => p.name);
  const order = segs.map((s, i) => ({ s, n: names[i] ?? '' })).sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
  const sorted = `${path}?${order.map((x) => x.s).join('&')}`;
  return sorted === url ? null : sorted;
}

function swapScheme(fullUrl: string | undefined): string | null {
  if (!fullUrl) return null;
  if (/^https:/i.test(fullUrl)) return fullUrl.replace(/^https:/i, 'http:');
  if (/^http:/i.test(fullUrl)) return fullUrl.replace(/^http:/i, 'https:');
  return null;
}

export function explainHmac(req: CapturedRequest, o: HmacOptions, key: SharedSecret, given: string): string {
  const secret = decodeSecret(key.secret, key.secretEncoding) ?? Buffer.alloc(0);
  const matches = (r: CapturedRequest, opts: HmacOptions, s: Buffer = secret): boolean =>
    checkDigest(given, computeHmac(r, opts, s, key.secret).digest, opts.output, opts.prefix).ok;
  const trials: Trial[] = [];

  if (o.prefix && !given.toLowerCase().startsWith(o.prefix.toLowerCase())) {
    trials.push({ cause: `prefix: the digest is right but the "${o.prefix}" prefix is missing`, test: () => matches(req, { ...o, prefix: '' }) });
  }
  trials.push(...secretTrials(key, (s) => matches(req, o, s)));
  if (usesBody(o.message)) trials.push(...bodyTrials(req.body, (b) => matches({ ...req, body: b }, o)));

  if (o.message.kind === 'sorted-params') {
    const m: Sorted = o.message;
    // Before the other encodings: a double encoding reproduces the signature only one way, and saying
    // "double-encoded" names the fix where "matches rfc3986" would not.
    if (m.encoding === 'form' || m.encoding === 'rfc3986') {
      for (const v of doubleEncodingVariants(req, m.source, m.encoding)) trials.push({ cause: v.cause, test: () => matches(v.request, o) });
    }
    for (const enc of PARAM_ENCODINGS.filter((e) => e !== m.encoding)) {
      const spaces = (enc === 'form' && m.encoding === 'rfc3986') || (enc === 'rfc3986' && m.encoding === 'form');
      trials.push({
        cause: spaces
          ? plusCause(enc === 'form' ? "spaces encoded as '+' (form encoding)" : "spaces encoded as '%20' (RFC 3986)")
          : `parameter encoding: the signature matches ${enc} parameter values, not ${m.encoding}`,
        test: () => matches(req, { ...o, message: { ...m, encoding: enc } }),
      });
    }
    const other = m.order === 'as-sent' ? 'sorted' : 'as-sent';
    trials.push({
      cause: `param order: the signature matches with parameters in ${other === 'sorted' ? 'name-sorted' : 'as-sent'} order`,
      test: () => matches(req, { ...o, message: { ...m, order: other } }),
    });
  }

  if (usesUrl(o.message) || (o.message.kind === 'sorted-params' && o.message.encoding === 'raw')) {
    for (const v of spaceEncodingVariants(req.url)) {
      trials.push({ cause: plusCause(v.label), test: () => matches({ ...req, url: v.value }, o) });
    }
  }
  if (usesUrl(o.message)) {
    const sorted = sortedTarget(req.url);
    if (sorted) trials.push({ cause: 'param order: the signature matches the URL with its query parameters sorted by name', test: () => matches({ ...req, url: sorted }, o) });
    const swapped = swapScheme(req.fullUrl);
    if (swapped) trials.push({ cause: `URL scheme: the signature matches ${swapped.split(':')[0]}:// (TLS terminated by a proxy?)`, test: () => matches({ ...req, fullUrl: swapped }, o) });
  }

  for (const alg of HASH_ALGORITHMS.filter((a) => a !== o.algorithm)) {
    trials.push({ cause: `wrong algorithm: the signature is HMAC-${alg.toUpperCase()}, not HMAC-${o.algorithm.toUpperCase()}`, test: () => matches(req, { ...o, algorithm: alg }) });
  }
  for (const enc of DIGEST_ENCODINGS.filter((e) => e !== o.output)) {
    trials.push({ cause: `wrong output encoding: the signature is ${enc}, not ${o.output}`, test: () => matches(req, { ...o, output: enc }) });
  }
  return firstCause(trials) ?? NO_CAUSE_FOUND;
}
