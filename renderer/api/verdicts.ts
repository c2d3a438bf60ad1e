import { callApi } from './call';
import type { VerifyRequest } from '../../src/shared/api/routes/verify';

export type { SchemeInfo, VerifyRequest, VerifyResult } from '../../src/shared/api/routes/verify';

export const verdictsApi = {
  /** Badges for a page of the list; ids without a verdict yet are simply absent. */
  summaries: (ids: readonly number[], signal?: AbortSignal) => callApi('listVerdicts', { query: { ids: ids.join(',') }, signal }),
  forExchange: (id: number, signal?: AbortSignal) => callApi('getVerdict', { params: { id }, signal }),
  verify: (body: VerifyRequest, signal?: AbortSignal) => callApi('verify', { body, signal }),
  schemes: () => callApi('listSignatureSchemes'),
};
