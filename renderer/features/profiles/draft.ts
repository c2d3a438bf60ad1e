import type { ParamSpec, ParamType, Profile, ProfileInput, ProfileMacroDialect } from '../../../src/model/profile';
import { sourcesAndSkanShapeProblem } from '../../../src/shared/skan-schema-text';

/** The definition without what the server adds when storing it (the secret lives apart). */
export function toInput(profile: Profile): ProfileInput {
  const { id: _id, secret: _secret, createdAt: _c, updatedAt: _u, ...input } = profile;
  return input;
}

export function blankProfile(existing: readonly Profile[]): ProfileInput {
  const names = new Set(existing.map((p) => p.name));
  let n = 1;
  while (names.has(n === 1 ? 'New profile' : `New profile ${n}`)) n++;
  return {
    name: n === 1 ? 'New profile' : `New profile ${n}`,
    params: [],
    signature: null,
    macroDialect: 'curly',
    correlationKeys: [],
  };
}

export function blankParam(params: readonly ParamSpec[]): ParamSpec {
  const names = new Set(params.map((p) => p.name));
  let n = params.length + 1;
  while (names.has(`param_${n}`)) n++;
  return { name: `param_${n}`, presence: 'optional', type: 'string' };
}

export const PARAM_TYPES: ReadonlyArray<readonly [ParamType, string]> = [
  ['string', 'string'],
  ['integer', 'integer'],
  ['decimal', 'decimal'],
  ['boolean', 'boolean'],
  ['enum', 'enum'],
  ['uuid', 'UUID'],
  ['idfa', 'IDFA'],
  ['gaid', 'GAID'],
  ['currency', 'currency (ISO 4217)'],
  ['country', 'country (ISO 3166)'],
  ['timestamp', 'unix timestamp'],
  ['url', 'URL'],
];

export const MACRO_DIALECTS: ReadonlyArray<readonly [ProfileMacroDialect, string]> = [
  ['curly', '{click_id}'],
  ['double-curly', '{{click_id}}'],
  ['square', '[click_id]'],
  ['hash', '#click_id#'],
  ['paren', '(click_id)'],
  ['dollar', '${click_id}'],
];

/** The options a type uses: switching type drops the others so the saved spec stays clean. */
const TYPE_KEYS: Partial<Record<ParamType, ReadonlyArray<keyof ParamSpec>>> = {
  integer: ['min', 'max'],
  decimal: ['min', 'max', 'maxDecimals', 'commaDecimal'],
  enum: ['values', 'caseInsensitive'],
  currency: ['caseInsensitive'],
  country: ['caseInsensitive'],
  timestamp: ['skewSec', 'unit'],
};
const ALL_TYPE_KEYS: ReadonlyArray<keyof ParamSpec> = ['min', 'max', 'maxDecimals', 'commaDecimal', 'values', 'caseInsensitive', 'skewSec', 'unit'];

export function setParamType(spec: ParamSpec, type: ParamType): void {
  const keep = new Set(TYPE_KEYS[type] ?? []);
  for (const key of ALL_TYPE_KEYS) if (!keep.has(key)) delete spec[key];
  spec.type = type;
  if (type === 'enum' && !spec.values) spec.values = [];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const optType = (v: unknown, type: string) => v === undefined || typeof v === type;

/**
 * Whether the form tabs can draw this value. The server is the judge of validity; this only keeps
 * the form from shapes it cannot draw (JSON edits may hold anything until saved).
 */
export function profileShapeProblem(v: unknown): string | null {
  if (!isObj(v)) return 'the definition is not a JSON object';
  if (typeof v['name'] !== 'string') return 'name is not a string';
  if (!optType(v['description'], 'string')) return 'description is not a string';
  if (typeof v['macroDialect'] !== 'string') return 'macroDialect is not a string';
  if (!isStrings(v['correlationKeys'])) return 'correlationKeys is not a list of strings';
  if (v['reversalEvents'] !== undefined && !isStrings(v['reversalEvents'])) return 'reversalEvents is not a list of strings';
  if (!Array.isArray(v['params'])) return 'params is not a list';
  for (const [i, p] of v['params'].entries()) {
    if (!isObj(p)) return `params[${i}] is not an object`;
    if (typeof p['name'] !== 'string') return `params[${i}].name is not a string`;
    if (typeof p['presence'] !== 'string') return `params[${i}].presence is not a string`;
    for (const key of ['type', 'in', 'pattern', 'unit', 'description']) if (!optType(p[key], 'string')) return `params[${i}].${key} is not a string`;
    for (const key of ['min', 'max', 'maxDecimals', 'skewSec', 'minLength', 'maxLength']) if (!optType(p[key], 'number')) return `params[${i}].${key} is not a number`;
    for (const key of ['allowEmpty', 'caseInsensitive', 'commaDecimal']) if (!optType(p[key], 'boolean')) return `params[${i}].${key} is not true or false`;
    if (p['values'] !== undefined && !isStrings(p['values'])) return `params[${i}].values is not a list of strings`;
  }
  const sig = v['signature'];
  if (sig !== undefined && sig !== null) {
    if (!isObj(sig) || typeof sig['scheme'] !== 'string') return 'signature needs a scheme';
    if (sig['options'] !== undefined && !isObj(sig['options'])) return 'signature.options is not an object';
    if (!optType(sig['signedUrl'], 'string')) return 'signature.signedUrl is not a string';
  }
  const success = v['success'];
  if (success !== undefined) {
    if (!isObj(success)) return 'success is not an object';
    const st = success['status'];
    if (!(st === undefined || st === '2xx' || typeof st === 'number' || (Array.isArray(st) && st.every((n) => typeof n === 'number')))) {
      return 'success.status is neither "2xx", a status nor a list of statuses';
    }
    const body = success['body'];
    if (body !== undefined && (!isObj(body) || typeof body['mode'] !== 'string' || typeof body['value'] !== 'string')) return 'success.body needs mode and value';
  }
  const amounts = v['amounts'];
  if (amounts !== undefined) {
    if (!isObj(amounts)) return 'amounts is not an object';
    for (const key of ['payout', 'revenue', 'currency']) if (amounts[key] !== undefined && !isStrings(amounts[key])) return `amounts.${key} is not a list of strings`;
  }
  return sourcesAndSkanShapeProblem(v);
}

export type ProfileTab = 'params' | 'signature' | 'settings' | 'json';

/** Which tab shows the input for a server field path. */
export function tabForField(field: string): ProfileTab {
  if (/^(params|reversalEvents)(\[|\.|$)/.test(field)) return 'params';
  if (/^(signature|secret|kind|encoding)(\[|\.|$)/.test(field)) return 'signature';
  if (/^(name|description|macroDialect|correlationKeys|unknownParams|success|amounts|preset|allowedSources|skanConversion)(\[|\.|$)/.test(field)) return 'settings';
  return 'json';
}
