/**
 * Verdicts as the control API returns them: one per captured exchange, explaining itself.
 * Pure types: the renderer imports them type-only.
 */
import type { SkanConversionDecoding } from './skan-conversion.js';
import type { Verdict as SignatureVerdict } from '../signatures/verdict-shape.js';

export type { SignatureVerdict, SkanConversionDecoding };

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One row of the per-parameter table: value, rule, pass/fail, why. */
export interface ParamCheck {
  name: string;
  /** Decoded value; null when absent. */
  value: string | null;
  /** As sent (percent-escapes kept); null when absent or from a JSON body. */
  rawValue: string | null;
  /** Where it was found: query, form, json; null when absent. */
  source: 'query' | 'form' | 'json' | null;
  /** The rule in words, e.g. `required decimal (≤ 2 places)`. */
  rule: string;
  status: CheckStatus;
  /** Why it failed or warned; null on pass. */
  why: string | null;
}

export type IssueCode =
  | 'unreplaced-macro'
  | 'empty-value'
  | 'duplicate-key'
  | 'double-encoded'
  | 'plus-ambiguity'
  | 'zero-payout'
  | 'currency-missing'
  | 'unknown-param'
  | 'untrusted-signature'
  | 'signature-spelling'
  | 'body-incomplete'
  | 'privacy-unhashed'
  | 'privacy-clear-pii'
  | 'privacy-hash-mismatch'
  | 'privacy-ip-address'
  | 'privacy-zeroed-ad-id'
  | 'privacy-lat-with-id'
  | 'privacy-credential-in-url'
  | 'privacy-skan-source-identifier'
  | 'source-not-allowed'
  | 'source-unknown'
  | 'skan-conversion-value';

/** A postback-specific finding of the always-on checks (they run with or without a profile). */
export interface PostbackIssue {
  code: IssueCode;
  severity: 'warn' | 'fail';
  /** The param concerned, if any. */
  param: string | null;
  message: string;
  /** unreplaced-macro: the token as found, e.g. `{click_id}`. */
  token?: string;
}

export interface SignatureOutcome {
  /** none: no profile or no scheme configured; error: the configuration cannot verify (no secret…). */
  status: 'pass' | 'fail' | 'none' | 'error';
  scheme: string | null;
  /** Why the status is none or error. */
  reason: string | null;
  /** The scheme's explanation (canonical string, expected, given, cause), secrets masked. */
  explain: SignatureVerdict | null;
}

export type VerdictStatus = 'pass' | 'fail' | 'none';

export interface ExchangeVerdict {
  /** null for a request verified without being captured (POST /api/verify with a raw request). */
  exchangeId: number | null;
  /** fail: anything failed; none: no profile and nothing failed; pass: the profile's checks passed. */
  status: VerdictStatus;
  failures: number;
  warnings: number;
  profileId: number | null;
  profileName: string | null;
  signature: SignatureOutcome;
  params: ParamCheck[];
  issues: PostbackIssue[];
  /** A SKAdNetwork postback's conversion values decoded with the profile's schema (when it has one). */
  skanConversion?: SkanConversionDecoding;
  computedAt: number;
}

/** The list badge: what the `verdicts` event carries for each exchange. */
export interface VerdictSummary {
  exchangeId: number;
  status: VerdictStatus;
  signature: SignatureOutcome['status'];
  failures: number;
  warnings: number;
  profileId: number | null;
}
