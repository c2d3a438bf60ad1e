import type { FieldError } from '../../src/model/endpoint';
import { FieldApiError } from './http';

/** The definition APIs' names for the one client in http.ts. */
export { FieldApiError, json as requestJson, request, requestVoid, send, withSignal } from './http';

/** The fields a refusal named; none for any other failure (network, 500…). */
export function fieldErrorsOf(err: unknown): FieldError[] {
  return err instanceof FieldApiError ? err.fields : [];
}
