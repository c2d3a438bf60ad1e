import type { FieldError } from '../model/endpoint.js';

/** The names `{{name}}` can hold: the same as a macro name, so one token means one thing. */
export const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;
const MAX_NAME = 100;
const MAX_VALUE = 64 * 1024;
const MAX_VARIABLES = 500;

export interface VariableDraft {
  name: string;
  /** undefined: a secret kept as stored. */
  value: string | undefined;
  secret: boolean;
}

export type EnvironmentCheck = { ok: true; name: string; variables: VariableDraft[] } | { ok: false; fields: FieldError[] };

/** Checks an environment from the API; each problem names its field (`variables[2].name`). */
export function validateEnvironment(input: unknown): EnvironmentCheck {
  const fields: FieldError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, fields: [{ field: '', message: 'the environment must be an object { name, variables }' }] };
  const body = input as Record<string, unknown>;
  const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
  if (name === '') fields.push({ field: 'name', message: 'give the environment a name' });
  else if (name.length > MAX_NAME) fields.push({ field: 'name', message: `at most ${MAX_NAME} characters` });
  const raw = body['variables'] ?? [];
  if (!Array.isArray(raw)) return { ok: false, fields: [...fields, { field: 'variables', message: 'variables must be a list of { name, value, secret }' }] };
  if (raw.length > MAX_VARIABLES) fields.push({ field: 'variables', message: `at most ${MAX_VARIABLES} variables` });
  const variables: VariableDraft[] = [];
  const seen = new Set<string>();
  raw.forEach((item: unknown, i) => {
    const at = `variables[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      fields.push({ field: at, message: 'a variable is { name, value, secret }' });
      return;
    }
    const v = item as Record<string, unknown>;
    const varName = typeof v['name'] === 'string' ? v['name'].trim() : '';
    if (!VARIABLE_NAME.test(varName)) fields.push({ field: `${at}.name`, message: varName === '' ? 'give the variable a name' : `"${varName}" is not a variable name: a letter or _ first, then letters, digits, _ . -` });
    else if (seen.has(varName)) fields.push({ field: `${at}.name`, message: `"${varName}" is already a variable of this environment` });
    seen.add(varName);
    if (v['secret'] !== undefined && typeof v['secret'] !== 'boolean') fields.push({ field: `${at}.secret`, message: 'secret must be true or false' });
    const secret = v['secret'] === true;
    const value = v['value'];
    if (value !== undefined && typeof value !== 'string') fields.push({ field: `${at}.value`, message: 'the value must be text' });
    else if (typeof value === 'string' && value.length > MAX_VALUE) fields.push({ field: `${at}.value`, message: `at most ${MAX_VALUE} characters` });
    else if (value === undefined && !secret) fields.push({ field: `${at}.value`, message: 'give the variable a value' });
    variables.push({ name: varName, value: value as string | undefined, secret });
  });
  return fields.length ? { ok: false, fields } : { ok: true, name, variables };
}
