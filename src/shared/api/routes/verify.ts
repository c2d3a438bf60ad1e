import Type from 'typebox';
import type { ExchangeVerdict, VerdictSummary } from '../../../model/verdict.js';
import { defineRoutes, IdParams, typed } from '../route.js';

const tags = ['verdicts'];

/** A signature scheme as `GET /api/signature-schemes` lists it. */
export interface SchemeInfo {
  id: string;
  label: string;
  /** Publisher documentation the formula comes from. */
  sources: readonly string[];
  /** The scheme's options; a profile's options are merged over them (shallow). */
  defaults: Record<string, unknown>;
}

/** The body of `POST /api/verify` (src/verdicts/verifier.ts checks it). */
export interface VerifyRequest {
  /** A raw HTTP/1.1 request message as text (what GET /api/exchanges/:id/raw returns), or base64 in rawBase64. */
  raw?: string;
  rawBase64?: string;
  exchangeId?: number;
  scheme?: string;
  /** Scheme options, merged over the profile's when the scheme is the profile's. */
  options?: Record<string, unknown>;
  profileId?: number;
  /** An unsaved profile definition (the workbench's draft). */
  profile?: unknown;
  /** A secret typed into the workbench: `"s3cret"` or `{ secret, encoding?, kind? }`. Never echoed back. */
  secret?: string | { secret: string; encoding?: string; kind?: string };
  /** Unix seconds to verify at; default: the capture time for an exchange, now for a raw request. */
  now?: number;
  /** The URL as the sender signed it. */
  url?: string;
}

export type VerifyResult = ExchangeVerdict & { notes: string[] };

export const verifyRoutes = defineRoutes({
  getVerdict: {
    method: 'GET',
    path: '/api/exchanges/:id/verdict',
    description: "An exchange's verdict: signature (with explain), per-param checks, always-on issues",
    tags,
    params: IdParams,
    status: 200,
    response: typed<ExchangeVerdict>('The verdict of one captured exchange'),
  },
  listVerdicts: {
    method: 'GET',
    path: '/api/verdicts',
    description: 'Verdict badges for a page of the list: `ids=1,2,3` (absent ids have no verdict yet)',
    tags,
    querystring: Type.Object({ ids: Type.Optional(Type.String({ description: 'Comma-separated exchange ids, at most 1000' })) }),
    status: 200,
    response: typed<VerdictSummary[]>('One summary per judged exchange', { type: 'array' }),
  },
  verify: {
    method: 'POST',
    path: '/api/verify',
    description:
      'Verify a raw HTTP request (`raw` text or `rawBase64`) or a captured one (`exchangeId`) with a `scheme` + `options`, a `profileId` or an unsaved `profile`, and optionally a `secret`; `now` (unix s) and `url` (as signed) are optional. Answers the verdict with the signature explain; secrets come back masked.',
    tags,
    input: typed<VerifyRequest>('What to verify and with what; 400 INVALID_VERIFY_REQUEST names each bad field'),
    status: 200,
    response: typed<VerifyResult>('The verdict with notes about the raw message'),
  },
  listSignatureSchemes: {
    method: 'GET',
    path: '/api/signature-schemes',
    description: 'Signature schemes with their sources and default options',
    tags,
    status: 200,
    response: typed<SchemeInfo[]>('Every scheme', { type: 'array' }),
  },
});
