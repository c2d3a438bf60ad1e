import type { Verdict } from './verdict-shape.js';
/**
 * Shared shapes of the signature library. Pure types (plus one error class):
 * every scheme file exports one `Scheme` built on these, and index.ts keeps the registry.
 *
 * Options are declarative and JSON-serialisable on purpose: a partner profile stores
 * them in the database and the UI edits them, so no option may be a function.
 */

/** Headers exactly as they travelled: order, name casing and duplicates kept. */
export type RawHeaders = Array<[name: string, value: string]>;

/** A captured request, byte-exact, as the receiver stored it. */
export interface CapturedRequest {
  method: string;
  /** Raw request target, e.g. '/pb?a=1&sig=..' (raw query kept, '+'/'%20' as sent). */
  url: string;
  /**
   * Scheme + host as the sender signed it (e.g. 'https://partner.example'), or the whole
   * absolute URL. Needed by schemes that sign the full URL (Twilio, BitLabs, full-url HMAC),
   * because the receiver only ever sees the request target.
   */
  fullUrl?: string;
  rawHeaders: RawHeaders;
  body: Buffer;
}

/** What a sender has before signing: a request without its signature yet. */
export interface RequestDraft {
  method?: string;
  url: string;
  fullUrl?: string;
  rawHeaders?: RawHeaders;
  body?: Buffer | string;
}

export type SecretEncoding = 'utf8' | 'hex' | 'base64';
export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';
export type DigestEncoding = 'hex' | 'base64' | 'base64url';

/** A shared secret and how its text turns into key bytes (the classic source of mismatches). */
export interface SharedSecret {
  secret: string;
  secretEncoding: SecretEncoding;
}
/** A public key: PEM, base64 of a DER SubjectPublicKeyInfo, or a JWK as JSON text. */
export interface PublicKeyMaterial {
  publicKey: string;
}
/** A private key (to sign test postbacks): PEM or a JWK as JSON text. */
export interface PrivateKeyMaterial {
  privateKey: string;
}
export type KeyMaterial = SharedSecret | PublicKeyMaterial | PrivateKeyMaterial;

/** Where a signature travels. `field` is a top-level JSON/form field of the body. */
export type Placement =
  | { in: 'header'; name: string }
  | { in: 'query'; name: string }
  | { in: 'body'; field: string };

export type { Trust, Verdict } from './verdict-shape.js';

export interface VerifyInput<O> {
  request: CapturedRequest;
  /** Merged over the scheme's defaults (shallow). */
  options?: Partial<O>;
  key?: KeyMaterial | null;
  /** Unix seconds, for timestamp tolerance checks. Defaults to the current time. */
  now?: number;
}

export interface SignInput<O> {
  request: RequestDraft;
  options?: Partial<O>;
  key: KeyMaterial;
  now?: number;
}

export interface SignResult {
  /** The signature value exactly as it must be sent (prefix included). */
  value: string;
  placement: Placement;
  /** The message that was signed. */
  canonical: string;
  /** Headers the sender must set (timestamp/id headers and, for header placement, the signature). */
  headers: RawHeaders;
  /** The request target with the signature applied when it goes in the query; unchanged otherwise. */
  url: string;
  /** The body with the signature inserted when it goes in the body; absent otherwise. */
  body?: Buffer;
}

/**
 * One signature scheme. Methods (not arrow properties) so that a registry of
 * differently-optioned schemes type-checks as `Scheme<object>`.
 */
export interface Scheme<O extends object = object> {
  readonly id: string;
  readonly label: string;
  /** Where the formula comes from (publisher documentation URLs). */
  readonly sources: readonly string[];
  readonly defaults: O;
  sign(input: SignInput<O>): SignResult;
  /** Cheap verdict: valid or not, with the canonical string, expected and given values. */
  verify(input: VerifyInput<O>): Verdict;
  /** verify() plus, on mismatch, trials of the usual mistakes to name the likeliest cause. */
  explain(input: VerifyInput<O>): Verdict;
}

/** Thrown for unusable configuration (unknown algorithm, wrong key type for the scheme). */
export class SignatureConfigError extends Error {
  override name = 'SignatureConfigError';
}
