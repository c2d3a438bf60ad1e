import { schemaFieldErrors } from '../shared/schema-field-errors.js';
import type { FieldError } from '../model/endpoint.js';
import { ProfileInputSchema, type ParamSpec, type ProfileInput } from '../model/profile.js';
import { getScheme, listSchemes, SignatureConfigError } from '../signatures/index.js';
import { skanSchemaErrors } from './validate-skan-schema.js';
import { allowedSourcesErrors } from './validate-sources.js';

export type ProfileValidation = { ok: true; profile: ProfileInput } | { ok: false; errors: FieldError[] };

/** Fills what a user may leave out, so `{ name }` alone is a valid (empty) profile. */
function withDefaults(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const raw = input as Record<string, unknown>;
  const params = Array.isArray(raw['params'])
    ? raw['params'].map((p: unknown) => (typeof p === 'object' && p !== null ? { presence: 'optional', ...p } : p))
    : [];
  return { macroDialect: 'curly', correlationKeys: [], ...raw, params };
}

/** Stored fields a client sends back (GET then PUT) are not part of the definition. */
export function stripStored(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { id: _id, secret: _secret, createdAt: _c, updatedAt: _u, ...rest } = input as Record<string, unknown>;
  return rest;
}

/** Checks shape and meaning; every error names its field (`params[2].pattern`). */
export function validateProfile(input: unknown): ProfileValidation {
  const candidate = withDefaults(input);
  const shapeErrors = schemaFieldErrors(ProfileInputSchema, candidate, '(profile)');
  if (shapeErrors) return { ok: false, errors: shapeErrors };
  const profile = candidate as ProfileInput;
  const errors: FieldError[] = [];
  const names = new Set<string>();
  profile.params.forEach((spec, i) => {
    if (names.has(spec.name)) errors.push({ field: `params[${i}].name`, message: `param "${spec.name}" is declared twice` });
    names.add(spec.name);
    errors.push(...paramErrors(spec, `params[${i}]`));
  });
  if (profile.signature) errors.push(...signatureErrors(profile.signature));
  errors.push(...reversalEventErrors(profile.reversalEvents ?? []));
  errors.push(...allowedSourcesErrors(profile.allowedSources), ...skanSchemaErrors(profile.skanConversion));
  const successBody = profile.success?.body;
  if (successBody?.mode === 'regex' && regexError(successBody.value)) errors.push({ field: 'success.body.value', message: regexError(successBody.value)! });
  return errors.length ? { ok: false, errors } : { ok: true, profile };
}

function paramErrors(spec: ParamSpec, at: string): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.pattern !== undefined && regexError(spec.pattern)) errors.push({ field: `${at}.pattern`, message: regexError(spec.pattern)! });
  if (spec.type === 'enum' && !(spec.values && spec.values.length > 0)) errors.push({ field: `${at}.values`, message: 'an enum needs at least one value' });
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) errors.push({ field: `${at}.min`, message: 'min is greater than max' });
  if (spec.minLength !== undefined && spec.maxLength !== undefined && spec.minLength > spec.maxLength) {
    errors.push({ field: `${at}.minLength`, message: 'minLength is greater than maxLength' });
  }
  return errors;
}

/**
 * Reversal events are matched against the event param lower-cased and trimmed: blank ones would
 * match nothing, and two spellings of one event say the same thing twice.
 */
export function reversalEventErrors(events: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  events.forEach((event, i) => {
    const normal = event.trim().toLowerCase();
    if (normal === '') errors.push({ field: `reversalEvents[${i}]`, message: 'an event value, e.g. chargeback' });
    else if (/\s/.test(normal)) errors.push({ field: `reversalEvents[${i}]`, message: `"${event}" holds a space: one event value per entry` });
    else if (seen.has(normal)) errors.push({ field: `reversalEvents[${i}]`, message: `"${event}" is listed twice` });
    seen.add(normal);
  });
  return errors;
}

function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
}

/**
 * Unknown schemes and unusable options are refused at save time, not discovered on the next
 * postback: the scheme is run once on an empty request and its configuration errors reported.
 */
function signatureErrors(signature: NonNullable<ProfileInput['signature']>): FieldError[] {
  const scheme = getScheme(signature.scheme);
  if (!scheme) return [{ field: 'signature.scheme', message: `unknown scheme "${signature.scheme}"; known: ${listSchemes().map((s) => s.id).join(', ')}` }];
  const errors: FieldError[] = [];
  if (signature.signedUrl !== undefined && !/^https?:\/\/[^/?#\s]+/i.test(signature.signedUrl)) {
    errors.push({ field: 'signature.signedUrl', message: 'an absolute http(s) URL, e.g. https://partner-facing.example' });
  }
  try {
    scheme.verify({
      request: { method: 'GET', url: '/', rawHeaders: [], body: Buffer.alloc(0) },
      options: signature.options ?? {},
      key: { secret: '00', secretEncoding: 'hex' },
    });
  } catch (error) {
    if (error instanceof SignatureConfigError) errors.push({ field: 'signature.options', message: error.message });
  }
  return errors;
}
