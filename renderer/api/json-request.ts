import type { FieldError } from '../../src/model/endpoint';
import { FieldApiError } from './http';

/** The fields a refusal named; none for any other failure (network, 500…). */
export function fieldErrorsOf(err: unknown): FieldError[] {
  return err instanceof FieldApiError ? err.fields : [];
}
