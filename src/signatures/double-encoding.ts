/**
 * Double percent-encoding, the usual way a sorted-params signature breaks between two honest parties:
 *  - the sender encodes each value and then builds the query, which encodes it again (ayeT-Studios'
 *    earlier PHP sample did exactly this: `array_map('urlencode', $_GET)` before `http_build_query`,
 *    so `TEST OFFER` is signed as `TEST%2BOFFER`);
 *  - the values arrive encoded twice (`TEST%2520OFFER`: a macro URL-encoded by the tracker and again
 *    by the partner), while the sender signed them once-encoded: one more decoding reproduces it.
 * Each variant is a request whose decoded values are what the signer must have started from, so the
 * normal canonical builder reproduces the signer's string (no second builder to keep in step).
 * Source: https://docs.ayetstudios.com/v/product-docs/callbacks-and-testing/callback-verification/hmac-security-hash-optional
 *   (current sample: http_build_query only; the earlier revision, still served as the page's PDF
 *   export, https://docs.ayetstudios.com/v/~gitbook/pdf?page=Oe7iOCsZGTg4Xdr0BvRe&only=yes, adds urlencode first).
 */
import { splitTarget } from '../http/target.js';
import { formDecode, formEncode, rfc3986Encode } from './encoding.js';
import { parseParams } from './request.js';
import type { CapturedRequest } from './types.js';

export interface EncodingVariant {
  cause: string;
  request: CapturedRequest;
}

type Source = 'query' | 'body' | 'query+body';

/** The request with every decoded value of `source` replaced by `fn(value)` (raw names kept). */
function remapValues(req: CapturedRequest, source: Source, fn: (v: string) => string): CapturedRequest | null {
  let changed = false;
  const rebuild = (raw: string) =>
    parseParams(raw)
      .map((p) => {
        const next = fn(p.value);
        if (next !== p.value) changed = true;
        return `${p.rawName}=${rfc3986Encode(next)}`;
      })
      .join('&');
  let out = req;
  if (source !== 'body') {
    const { path, rawQuery } = splitTarget(req.url, { dropFragment: true });
    if (rawQuery) out = { ...out, url: `${path}?${rebuild(rawQuery)}` };
  }
  if (source !== 'query' && req.body.length > 0) out = { ...out, body: Buffer.from(rebuild(req.body.toString('utf8')), 'utf8') };
  return changed ? out : null;
}

/** Variants for a sorted-params message whose values are `encoding`-encoded once. */
export function doubleEncodingVariants(req: CapturedRequest, source: Source, encoding: 'form' | 'rfc3986'): EncodingVariant[] {
  const encodeOnce = encoding === 'form' ? formEncode : rfc3986Encode;
  const out: EncodingVariant[] = [];
  const twice = remapValues(req, source, encodeOnce);
  if (twice) {
    out.push({
      cause: `double-encoded by the sender: the signature matches the parameter values percent-encoded twice (each value encoded, then the query built encodes it again, e.g. urlencode() before http_build_query()) — the sender signs ${encoding === 'form' ? "'TEST OFFER' as TEST%2BOFFER" : "'TEST OFFER' as TEST%2520OFFER"}`,
      request: twice,
    });
  }
  const once = remapValues(req, source, formDecode);
  if (once) {
    out.push({
      cause: 'double-encoded in transit: the values arrived percent-encoded twice (e.g. %2520) and the signature matches them decoded once more — a macro was URL-encoded both by the tracker and by the partner',
      request: once,
    });
  }
  return out;
}
