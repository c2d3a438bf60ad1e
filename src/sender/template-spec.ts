import type { BodyMode, EncodeMode, TemplateSpec } from '../model/sender.js';
import { isDialect, macroDialects } from './dialects.js';
import { validatePolicy } from './retry-policy.js';
import { validateSuccessRule } from './success.js';

const bodyModes: readonly BodyMode[] = ['none', 'form', 'json', 'raw'];
const encodeModes: readonly EncodeMode[] = ['auto', 'always', 'never'];

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/**
 * A template from outside (API, CLI file, cURL import) checked and completed with defaults.
 * Throws an Error whose message names the field.
 */
export function parseTemplateSpec(input: unknown): TemplateSpec {
  if (typeof input !== 'object' || input === null) throw new Error('template must be an object');
  const t = input as Record<string, unknown>;
  if (typeof t['url'] !== 'string' || t['url'].trim() === '') throw new Error('template.url is required');
  const headers = t['headers'] ?? [];
  if (!Array.isArray(headers) || !headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')) {
    throw new Error('template.headers must be [[name, value], …]');
  }
  const bodyMode = (t['bodyMode'] ?? (typeof t['body'] === 'string' && t['body'] !== '' ? 'raw' : 'none')) as BodyMode;
  if (!bodyModes.includes(bodyMode)) throw new Error(`template.bodyMode must be one of ${bodyModes.join(', ')}`);
  const dialect = t['dialect'] ?? 'curly';
  if (!isDialect(dialect)) throw new Error(`template.dialect must be one of ${macroDialects.join(', ')}`);
  if (t['body'] !== undefined && typeof t['body'] !== 'string') throw new Error('template.body must be a string');
  if (t['method'] !== undefined && typeof t['method'] !== 'string') throw new Error('template.method must be a string');
  const policyError = validatePolicy(t['retry']);
  if (policyError) throw new Error(`template.${policyError}`);
  const successError = validateSuccessRule(t['success']);
  if (successError) throw new Error(`template.${successError}`);
  if (t['optional'] !== undefined && !(Array.isArray(t['optional']) && t['optional'].every((x) => typeof x === 'string'))) throw new Error('template.optional must be a list of names');
  if (t['defaults'] !== undefined && !isStringRecord(t['defaults'])) throw new Error('template.defaults must map names to strings');
  if (t['encode'] !== undefined && !(isStringRecord(t['encode']) && Object.values(t['encode']).every((m) => encodeModes.includes(m as EncodeMode)))) {
    throw new Error('template.encode must map names to auto, always or never');
  }
  if (t['timeoutMs'] !== undefined && !(typeof t['timeoutMs'] === 'number' && t['timeoutMs'] > 0)) throw new Error('template.timeoutMs must be a positive number');
  if (t['idempotencyHeader'] !== undefined && t['idempotencyHeader'] !== null && typeof t['idempotencyHeader'] !== 'string') throw new Error('template.idempotencyHeader must be a header name or null');

  const spec: TemplateSpec = {
    name: typeof t['name'] === 'string' && t['name'].trim() ? t['name'].trim() : 'Untitled template',
    method: ((t['method'] as string | undefined) ?? 'GET').trim() || 'GET',
    url: (t['url'] as string).trim(),
    headers: headers as Array<[string, string]>,
    bodyMode,
    body: (t['body'] as string | undefined) ?? '',
    dialect,
  };
  for (const key of ['profileId', 'retry', 'success', 'optional', 'encode', 'defaults', 'timeoutMs', 'followRedirects', 'idempotencyHeader'] as const) {
    if (t[key] !== undefined) (spec as unknown as Record<string, unknown>)[key] = t[key];
  }
  return spec;
}
