import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldError } from '../model/endpoint.js';

/**
 * Shape errors of a JSON document against its schema, each naming its field the way forms do
 * (`rules[0].conditions[1].value`), without repeats, at most `limit`. Null when the shape is right.
 */
export function schemaFieldErrors(schema: TSchema, value: unknown, rootName: string, limit = 20): FieldError[] | null {
  if (Value.Check(schema, value)) return null;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of Value.Errors(schema, value)) {
    const error = { field: fieldPath(e.instancePath) || rootName, message: e.message };
    const key = `${error.field}|${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(error);
    if (errors.length === limit) break;
  }
  return errors;
}

/** `/rules/0/conditions/1/value` → `rules[0].conditions[1].value` */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')
    .replace(/^\./, '');
}
