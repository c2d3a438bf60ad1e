import type { TSchema } from 'typebox';
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';
import type { FieldError } from '../model/endpoint.js';
import { fieldPath, pointerSegments } from './json-pointer.js';

/** How a schema's errors read to a person, where TypeBox's own words ("must match a schema in anyOf") say too little. */
export interface FieldErrorWording {
  /** The one message for any error at a field, by its name (the root name for the value as a whole). */
  byField?: Readonly<Record<string, string>>;
  /** The message for a field the schema does not have; the whole-object "additional properties" error is then left out, each such field being named. */
  unknownField?: string;
  /** At most this many errors (20 unless told). */
  limit?: number;
}

/**
 * Shape errors of a JSON document against its schema, each naming its field the way forms do
 * (`rules[0].conditions[1].value`), without repeats, at most `limit`. Null when the shape is right.
 */
export function schemaFieldErrors(schema: TSchema, value: unknown, rootName: string, wording: FieldErrorWording = {}): FieldError[] | null {
  if (Value.Check(schema, value)) return null;
  const limit = wording.limit ?? 20;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of allErrors(schema, value)) {
    if (wording.unknownField !== undefined && e.keyword === 'additionalProperties') continue;
    const field = fieldPath(pointerSegments(e.instancePath)) || rootName;
    const message = wording.byField?.[field] ?? (wording.unknownField !== undefined && e.keyword === 'boolean' ? wording.unknownField : e.message);
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ field, message });
    if (errors.length === limit) break;
  }
  return errors;
}

/**
 * TypeBox stops after 8 errors, and a nullable field alone reports 3 (each union branch, then the union):
 * three bad fields would hide the fourth. Synchronous, so the raised cap is back before anything else runs.
 */
function allErrors(schema: TSchema, value: unknown): ReturnType<typeof Value.Errors> {
  const cap = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 1000 });
  try {
    return Value.Errors(schema, value);
  } finally {
    Settings.Set({ maxErrors: cap });
  }
}
