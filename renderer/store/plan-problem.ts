/**
 * A refused plan's place, for the Scenarios editor. Pure (its imports carry `.js` so the unit
 * tests can load it).
 */
import type { Refusal } from '../api/refusal.js';

/** Where the plan is wrong, for the editor to point at. */
export interface PlanProblem {
  line: number;
  col: number;
  message: string;
}

/**
 * The app refuses a plan (src/control/scenario-routes.ts) with INVALID_PLAN, `line` and `col`
 * as numbers and the plan path with its problem as the one field. Any other refusal is no plan
 * problem (null): the view shows it as a plain error.
 */
export function problemOf(refusal: Pick<Refusal, 'code' | 'message' | 'fields' | 'at'>): PlanProblem | null {
  if (refusal.code !== 'INVALID_PLAN' || refusal.at === null) return null;
  const field = refusal.fields[0];
  return { ...refusal.at, message: field ? `${field.field}: ${field.message}` : refusal.message };
}
