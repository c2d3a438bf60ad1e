import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { Har } from '../../src/interop/har/har-types.js';
import type { TestCore } from './core.js';

const fixtures = new URL('../fixtures/', import.meta.url);

export const harSchema = JSON.parse(readFileSync(new URL('har-1.2.schema.json', fixtures), 'utf8')) as object;
export const validateHar = new Ajv({ allErrors: true, strict: true }).compile(harSchema);

export function chromiumHar(): Har {
  return JSON.parse(readFileSync(new URL('chromium-devtools.har', fixtures), 'utf8')) as Har;
}

/** Schema errors in a readable line each, so a failing expect names the field. */
export function schemaErrors(har: unknown): string[] {
  return validateHar(har) ? [] : (validateHar.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export async function exportHar(tc: TestCore, query = ''): Promise<Har> {
  const response = await tc.api(`/api/exchanges.har${query ? `?${query}` : ''}`);
  if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`);
  return (await response.json()) as Har;
}

export async function importHar(tc: TestCore, har: unknown, query = ''): Promise<Response> {
  return tc.api(`/api/import/har${query ? `?${query}` : ''}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(har) });
}
