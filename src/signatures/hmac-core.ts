/**
 * The generic HMAC computation and its options, shared by the scheme (hmac.ts)
 * and its mismatch diagnosis (hmac-explain.ts).
 */
import { buildMessage, PARAM_ENCODINGS } from './canonical.js';
import type { BuiltMessage, MessageSpec } from './canonical.js';
import { assertOneOf, DIGEST_ENCODINGS, HASH_ALGORITHMS, hmac } from './encoding.js';
import { SignatureConfigError } from './types.js';
import type { CapturedRequest, DigestEncoding, HashAlgorithm, KeyMaterial, Placement, SharedSecret } from './types.js';

/** A timestamp the sender includes, checked against `now` (e.g. a 'header:X-Timestamp' field). */
export interface TimestampSpec {
  field: string;
  toleranceSec: number;
  unit?: 's' | 'ms';
}

export interface HmacOptions {
  algorithm: HashAlgorithm;
  message: MessageSpec;
  output: DigestEncoding;
  /** Text before the digest, e.g. 'sha256='. */
  prefix: string;
  signature: Placement;
  timestamp: TimestampSpec | null;
}

export const HMAC_DEFAULTS: HmacOptions = {
  algorithm: 'sha256',
  message: { kind: 'raw-body' },
  output: 'hex',
  prefix: '',
  signature: { in: 'header', name: 'X-Signature' },
  timestamp: null,
};

export function resolveHmacOptions(defaults: HmacOptions, partial: Partial<HmacOptions> | undefined): HmacOptions {
  const o: HmacOptions = { ...defaults, ...(partial ?? {}) };
  assertOneOf(o.algorithm, HASH_ALGORITHMS, 'algorithm');
  assertOneOf(o.output, DIGEST_ENCODINGS, 'output');
  assertOneOf(o.message.kind, ['raw-body', 'full-url', 'url-without-signature', 'sorted-params', 'template'], 'message.kind');
  if (o.message.kind === 'sorted-params') assertOneOf(o.message.encoding, PARAM_ENCODINGS, 'message.encoding');
  return o;
}

export function requireSharedSecret(key: KeyMaterial | null | undefined, scheme: string): SharedSecret {
  if (key && 'secret' in key) return key;
  throw new SignatureConfigError(`${scheme} needs a shared secret { secret, secretEncoding }`);
}

export function signatureParamName(p: Placement): string | null {
  return p.in === 'query' ? p.name : p.in === 'body' ? p.field : null;
}

export interface HmacComputation {
  msg: BuiltMessage;
  digest: Buffer;
}

export function computeHmac(req: CapturedRequest, o: HmacOptions, secret: Buffer, secretText: string): HmacComputation {
  const msg = buildMessage(req, o.message, { signatureParam: signatureParamName(o.signature), secretText });
  return { msg, digest: hmac(o.algorithm, secret, msg.bytes) };
}

