/**
 * What a refusal of the control API says (src/errors.ts: `{ error: { code, message, fields?,
 * line?, col?, problems? }, preview? }`), read defensively from its parsed body: http.ts makes
 * its error classes from it. Pure (its imports carry `.js` so the unit tests can load it).
 */
import type { FieldError } from '../../src/model/endpoint.js';
import type { SendPreview, SendProblem } from '../../src/model/sender.js';
import type { TextPosition } from '../../src/shared/api/index.js';

export interface Refusal {
  message: string;
  code: string | null;
  fields: FieldError[];
  /** Where in a text the request carried the problem is: INVALID_PLAN's `line` and `col`. */
  at: TextPosition | null;
  /** SEND_REFUSED: the problems, and the preview that shows where they are. */
  problems: SendProblem[];
  preview: SendPreview | null;
}

type Body = { error?: { code?: unknown; message?: unknown; fields?: unknown; line?: unknown; col?: unknown; problems?: unknown } | string | null; message?: unknown; preview?: unknown };

/** `statusLine` is the message when the body gives none (it was not JSON, or says nothing). */
export function readRefusal(statusLine: string, body: unknown): Refusal {
  const refusal: Refusal = { message: statusLine, code: null, fields: [], at: null, problems: [], preview: null };
  if (typeof body !== 'object' || body === null) return refusal;
  const b = body as Body;
  const err = typeof b.error === 'object' ? b.error : null;
  if (typeof err?.message === 'string') refusal.message = err.message;
  else if (typeof b.error === 'string') refusal.message = b.error;
  else if (typeof b.message === 'string') refusal.message = b.message;
  if (typeof err?.code === 'string') refusal.code = err.code;
  if (Array.isArray(err?.fields)) {
    refusal.fields = err.fields.filter((f): f is FieldError => typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string');
  }
  if (isPosition(err?.line) && isPosition(err?.col)) refusal.at = { line: err.line, col: err.col };
  if (Array.isArray(err?.problems)) refusal.problems = err.problems as SendProblem[];
  refusal.preview = (b.preview as SendPreview | null | undefined) ?? null;
  return refusal;
}

const isPosition = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
