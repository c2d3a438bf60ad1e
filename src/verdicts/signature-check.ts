import type { PostbackRequest } from '../checks/postback-fields.js';
import { headerValue } from '../http/headers.js';
import type { SignatureSpec } from '../model/profile.js';
import type { SignatureOutcome } from '../model/verdict.js';
import { secretMaskFor } from '../profiles/secrets.js';
import { binaryStringToDisplay } from '../shared/binary-string.js';
import { getScheme } from '../signatures/index.js';
import type { CapturedRequest, KeyMaterial } from '../signatures/types.js';
import { redactVerdict } from './redact.js';

export interface SignatureRun {
  spec: SignatureSpec | null;
  key: KeyMaterial | null;
  request: PostbackRequest;
  /** Body after Content-Encoding: senders sign the payload, the transport compresses it. */
  decodedBody: Buffer;
  nowSec: number;
  /** The URL as the sender signed it; overrides the profile's signedUrl. */
  fullUrl?: string;
}

const none = (reason: string, scheme: string | null = null): SignatureOutcome => ({ status: 'none', scheme, reason, explain: null });
const error = (scheme: string, reason: string): SignatureOutcome => ({ status: 'error', scheme, reason, explain: null });

/** Runs the scheme's explain (verify plus the likeliest cause), never throwing, secrets masked. */
export function checkSignature(run: SignatureRun): SignatureOutcome {
  if (!run.spec) return none('no signature scheme configured');
  const scheme = getScheme(run.spec.scheme);
  if (!scheme) return error(run.spec.scheme, `unknown signature scheme "${run.spec.scheme}"`);
  const host = headerValue(run.request.rawHeaders, 'host');
  // The receiver sees only the request target; a URL-signing sender signed scheme + host too.
  const guessed = !run.fullUrl && !run.spec.signedUrl && host ? `http://${binaryStringToDisplay(host)}` : undefined;
  const fullUrl = run.fullUrl ?? run.spec.signedUrl ?? guessed;
  const request: CapturedRequest = {
    method: run.request.method,
    url: binaryStringToDisplay(run.request.target),
    ...(fullUrl ? { fullUrl } : {}),
    rawHeaders: run.request.rawHeaders.map(([n, v]) => [n, binaryStringToDisplay(v)]),
    body: run.decodedBody,
  };
  let verdict;
  try {
    verdict = scheme.explain({ request, options: run.spec.options ?? {}, key: run.key, now: run.nowSec });
  } catch (e) {
    // Configuration errors (no secret, wrong key kind) name options, never key material.
    return error(scheme.id, run.key === null && /secret|key/i.test((e as Error).message) ? `no secret available: ${(e as Error).message}` : (e as Error).message);
  }
  const shown = redactVerdict(verdict, secretMaskFor(run.key));
  if (guessed && shown.canonical.includes(guessed)) {
    shown.details = [...shown.details, `scheme and host assumed as ${guessed} from the Host header; set the profile's signedUrl (or --url) to the URL the sender signed`];
  }
  if (run.decodedBody !== run.request.body) shown.details = [...shown.details, 'verified over the body after undoing its Content-Encoding'];
  return { status: shown.valid ? 'pass' : 'fail', scheme: scheme.id, reason: null, explain: shown };
}

/** Schemes whose signature covers only the body: for them `+` in the query changes nothing. */
const BODY_ONLY = new Set(['github', 'shopify', 'stripe', 'standard-webhooks', 'skadnetwork', 'adattributionkit']);

/** Whether query/form params are part of the signed string (for the `+` vs `%20` check). */
export function signsParams(spec: SignatureSpec | null): boolean {
  if (!spec) return false;
  const scheme = getScheme(spec.scheme);
  const defaults = (scheme?.defaults ?? {}) as { message?: { kind: string; template?: string } };
  const message = (spec.options?.['message'] as { kind?: string; template?: string } | undefined) ?? defaults.message;
  if (message?.kind === 'raw-body') return false;
  if (message?.kind === 'template') return /\{(?!body\}|secret\}|method\}|path\})[^{}]+\}/.test(message.template ?? '');
  if (message) return true;
  return !BODY_ONLY.has(spec.scheme);
}

/** The query/body param that carries the signature itself (not an "unknown" param). */
export function signatureParam(spec: SignatureSpec | null): string | null {
  if (!spec) return null;
  const defaults = (getScheme(spec.scheme)?.defaults ?? {}) as { signature?: { in: string; name?: string; field?: string } };
  const placement = (spec.options?.['signature'] as typeof defaults.signature) ?? defaults.signature;
  if (!placement || placement.in === 'header') return null;
  return placement.name ?? placement.field ?? null;
}
