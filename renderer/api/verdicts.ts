import type { ExchangeVerdict, VerdictSummary } from '../../src/model/verdict';
import { requestJson, send, withSignal } from './json-request';

/** A signature scheme as `GET /api/signature-schemes` lists it. */
export interface SchemeInfo {
  id: string;
  label: string;
  /** Publisher documentation the formula comes from. */
  sources: string[];
  /** The scheme's options; a profile's options are merged over them (shallow). */
  defaults: Record<string, unknown>;
}

/** The body of `POST /api/verify` (see src/verdicts/verifier.ts). */
export interface VerifyRequest {
  raw?: string;
  exchangeId?: number;
  scheme?: string;
  options?: Record<string, unknown>;
  profileId?: number;
  /** Typed into the workbench; never echoed back. */
  secret?: { secret: string; encoding: string; kind: string };
  now?: number;
  url?: string;
}

export type VerifyResult = ExchangeVerdict & { notes: string[] };

export const verdictsApi = {
  /** Badges for a page of the list; ids without a verdict yet are simply absent. */
  summaries: (ids: readonly number[], signal?: AbortSignal) =>
    requestJson<VerdictSummary[]>(`/api/verdicts?ids=${ids.join(',')}`, withSignal(signal)),
  forExchange: (id: number, signal?: AbortSignal) => requestJson<ExchangeVerdict>(`/api/exchanges/${id}/verdict`, withSignal(signal)),
  verify: (body: VerifyRequest, signal?: AbortSignal) => requestJson<VerifyResult>('/api/verify', send('POST', body, signal)),
  schemes: () => requestJson<SchemeInfo[]>('/api/signature-schemes'),
};
