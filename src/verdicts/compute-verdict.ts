import { alwaysOnChecks } from '../checks/always-on.js';
import { resolveAmountNames } from '../checks/amounts.js';
import { checkParams, unknownParams } from '../checks/param-spec.js';
import { privacyIssues } from '../checks/privacy.js';
import { skanConversionOf } from './skan-conversion-verdict.js';
import { sourceIssues } from '../checks/source-allowlist.js';
import { extractFields, findField, type PostbackRequest } from '../checks/postback-fields.js';
import type { ProfileInput, SignatureSpec } from '../model/profile.js';
import { maskDeep } from '../profiles/secret-mask.js';
import { secretMaskFor } from '../profiles/secrets.js';
import type { ExchangeVerdict, PostbackIssue, SignatureOutcome } from '../model/verdict.js';
import type { KeyMaterial } from '../signatures/types.js';
import { checkSignature, signatureParam, signsParams } from './signature-check.js';

export interface VerdictInput {
  exchangeId: number | null;
  request: PostbackRequest;
  /** Unix seconds the timestamps and signature tolerances are judged at (the capture time for captures). */
  nowSec: number;
  profile: { id: number | null; input: ProfileInput } | null;
  key: KeyMaterial | null;
  /** Replaces the profile's signature spec (the workbench, `verify --scheme`); undefined keeps it. */
  signature?: SignatureSpec | null;
  /** The URL as the sender signed it. */
  fullUrl?: string;
  /** Why the capture is incomplete (body_too_large, aborted), if it is. */
  rejected?: string | null;
  maxDecodedBytes: number;
  /** The socket's peer as captured; absent for a request verified without its capture (no source check then). */
  remoteAddress?: string | null;
}

/** Signature names a sender uses even when no profile says so: their presence makes the query a signed string. */
const LIKELY_SIGNATURE_PARAMS = /^(sig|signature|sign|hash|hmac|checksum|secure_hash|token_hash|verifier)$/i;

/** Everything about one postback: signature, declared params, always-on checks. Pure apart from the clock. */
export function computeVerdict(input: VerdictInput): ExchangeVerdict {
  const { fields, decodedBody, bodyProblem } = extractFields(input.request, input.maxDecodedBytes);
  const profile = input.profile?.input ?? null;
  const spec = input.signature !== undefined ? input.signature : (profile?.signature ?? null);
  const params = profile ? checkParams(fields, profile.params, { nowSec: input.nowSec }) : [];

  const signature: SignatureOutcome = input.rejected
    ? { status: 'none', scheme: spec?.scheme ?? null, reason: `not verified: the body was not captured in full (${input.rejected})`, explain: null }
    : checkSignature({ spec, key: input.key, request: input.request, decodedBody, nowSec: input.nowSec, ...(input.fullUrl ? { fullUrl: input.fullUrl } : {}) });

  const issues: PostbackIssue[] = alwaysOnChecks(fields, {
    dialect: profile?.macroDialect ?? null,
    signedParams: spec ? signsParams(spec) : fields.some((f) => f.source === 'query' && LIKELY_SIGNATURE_PARAMS.test(f.name)),
    amounts: resolveAmountNames(profile?.amounts),
    allowEmpty: new Set(profile?.params.filter((p) => p.allowEmpty).map((p) => p.name) ?? []),
  });
  if (profile?.privacyChecks !== 'off') issues.push(...privacyIssues(fields));
  if (profile?.unknownParams === 'warn') issues.push(...unknownParams(fields, profile.params, [signatureParam(spec)].filter((n): n is string => n !== null)));
  issues.push(...sourceIssues(profile?.allowedSources, input.request.rawHeaders, input.remoteAddress));
  const skan = profile?.skanConversion ? skanConversionOf(fields, profile.skanConversion) : null;
  if (skan) issues.push(...skan.issues);
  if (input.rejected) issues.push({ code: 'body-incomplete', severity: 'warn', param: null, message: `the capture is incomplete (${input.rejected}): body checks are partial` });
  else if (bodyProblem) issues.push({ code: 'body-incomplete', severity: 'warn', param: null, message: bodyProblem });
  if (signature.explain?.valid && signature.explain.trust === 'development') {
    issues.push({ code: 'untrusted-signature', severity: 'warn', param: null, message: "signed with Apple's development key: any device in Developer Mode can mint it, so it proves nothing in production" });
  }
  if (signature.explain?.valid && signature.explain.note) {
    // Valid, but not as the partner's own sample code would compare it (ayeT's and most PHP samples use
    // `===` against lowercase hash_hmac output): a plain pass in the list would hide that.
    issues.push({ code: 'signature-spelling', severity: 'warn', param: null, message: `${signature.explain.note}; a strict string comparison would reject it` });
  }
  // A spec'd param with an empty value is already a row of the table; do not count it twice.
  const dedupedIssues = issues.filter((i) => !(i.code === 'empty-value' && i.param !== null && params.some((p) => p.name === i.param && findField(fields, i.param!) !== undefined)));

  const signatureFailed = signature.status === 'fail' || signature.status === 'error';
  const failures = params.filter((p) => p.status === 'fail').length + dedupedIssues.filter((i) => i.severity === 'fail').length + (signatureFailed ? 1 : 0);
  const warnings = params.filter((p) => p.status === 'warn').length + dedupedIssues.filter((i) => i.severity === 'warn').length;
  const judged = profile !== null || spec !== null;
  // Params and issues quote captured values, which may carry the secret (a tracker that leaked it into the URL).
  return maskDeep<ExchangeVerdict>({
    exchangeId: input.exchangeId,
    status: failures > 0 ? 'fail' : judged ? 'pass' : 'none',
    failures,
    warnings,
    profileId: input.profile?.id ?? null,
    profileName: profile?.name ?? null,
    signature,
    params,
    issues: dedupedIssues,
    ...(skan?.decoding ? { skanConversion: skan.decoding } : {}),
    computedAt: Date.now(),
  }, secretMaskFor(input.key));
}
