import type { CheckStatus } from '../model/verdict.js';
import type { ParamSpec } from '../model/profile.js';
import { COUNTRY_HINTS, CURRENCY_HINTS, ISO_3166_ALPHA2, ISO_4217 } from './iso-codes.js';

export interface TypeResult {
  status: CheckStatus;
  why: string | null;
}

export interface TypeContext {
  /** Unix seconds to judge timestamps against: the capture time, so a re-run later gives the same verdict. */
  nowSec: number;
}

const pass: TypeResult = { status: 'pass', why: null };
const fail = (why: string): TypeResult => ({ status: 'fail', why });
const warn = (why: string): TypeResult => ({ status: 'warn', why });

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const DEFAULT_SKEW_SEC = 86_400;

/** Checks one decoded, non-empty value against its declared type. */
export function checkType(value: string, spec: ParamSpec, ctx: TypeContext): TypeResult {
  switch (spec.type ?? 'string') {
    case 'string':
      return pass;
    case 'integer':
      return checkInteger(value, spec);
    case 'decimal':
      return checkDecimal(value, spec);
    case 'boolean':
      return /^(true|false|1|0)$/.test(value) ? pass : fail(`${JSON.stringify(value)} is not a boolean (true, false, 1 or 0)`);
    case 'enum':
      return checkEnum(value, spec);
    case 'uuid':
      return UUID.test(value) ? pass : fail(`${JSON.stringify(value)} is not a UUID (8-4-4-4-12 hex digits)`);
    case 'idfa':
      return checkDeviceId(value, 'IDFA', 'upper');
    case 'gaid':
      return checkDeviceId(value, 'GAID', 'lower');
    case 'currency':
      return checkCode(value, spec, 3, ISO_4217, CURRENCY_HINTS, 'ISO 4217 currency code');
    case 'country':
      return checkCode(value, spec, 2, ISO_3166_ALPHA2, COUNTRY_HINTS, 'ISO 3166-1 alpha-2 country code');
    case 'timestamp':
      return checkTimestamp(value, spec, ctx);
    case 'url':
      return checkUrl(value);
  }
}

function bounds(n: number, spec: ParamSpec): TypeResult {
  if (spec.min !== undefined && n < spec.min) return fail(`${n} is below the minimum ${spec.min}`);
  if (spec.max !== undefined && n > spec.max) return fail(`${n} is above the maximum ${spec.max}`);
  return pass;
}

function checkInteger(value: string, spec: ParamSpec): TypeResult {
  if (!/^-?\d+$/.test(value)) {
    if (/^-?\d+\.\d*$/.test(value)) return fail(`${JSON.stringify(value)} has a fractional part: an integer is expected`);
    return fail(`${JSON.stringify(value)} is not an integer`);
  }
  const n = Number(value);
  // Beyond 2^53 a number no longer round-trips: ids that big must be declared as strings.
  if (!Number.isSafeInteger(n)) return fail(`${value} is beyond the safe integer range (2^53): declare it as a string if it is an id`);
  return bounds(n, spec);
}

function checkDecimal(value: string, spec: ParamSpec): TypeResult {
  const comma = spec.commaDecimal === true;
  const shape = comma ? /^-?\d+(?:[.,](\d+))?$/ : /^-?\d+(?:\.(\d+))?$/;
  const m = shape.exec(value);
  if (!m) {
    if (!comma && /^-?\d+,\d+$/.test(value)) return fail(`${JSON.stringify(value)} uses a comma as decimal separator: a dot is expected`);
    if (/^-?\d*\.\d+$/.test(value)) return fail(`${JSON.stringify(value)} has no digit before the separator`);
    if (/e/i.test(value) && Number.isFinite(Number(value))) return fail(`${JSON.stringify(value)} is in exponent notation`);
    return fail(`${JSON.stringify(value)} is not a decimal number`);
  }
  const places = m[1]?.length ?? 0;
  if (spec.maxDecimals !== undefined && places > spec.maxDecimals) {
    return fail(`${value} has ${places} decimal places, at most ${spec.maxDecimals} allowed`);
  }
  return bounds(Number(value.replace(',', '.')), spec);
}

function checkEnum(value: string, spec: ParamSpec): TypeResult {
  const values = spec.values ?? [];
  if (values.includes(value)) return pass;
  const folded = values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (folded !== undefined) {
    return spec.caseInsensitive ? pass : fail(`${JSON.stringify(value)} differs from the allowed ${JSON.stringify(folded)} only in letter case`);
  }
  return fail(`${JSON.stringify(value)} is not one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
}

/** Apple prints IDFAs upper case, Google prints GAIDs lower case; an all-zero id means the user opted out. */
function checkDeviceId(value: string, label: string, expectedCase: 'upper' | 'lower'): TypeResult {
  if (!UUID.test(value)) return fail(`${JSON.stringify(value)} is not an ${label} (a UUID, 8-4-4-4-12 hex digits)`);
  if (value === ZERO_UUID) {
    return warn(`all-zero ${label}: the user ${label === 'IDFA' ? 'did not allow tracking (ATT)' : 'opted out of ad personalisation'}; it identifies no device`);
  }
  const cased = expectedCase === 'upper' ? value.toUpperCase() : value.toLowerCase();
  if (value !== cased) return warn(`${label} in ${expectedCase === 'upper' ? 'lower' : 'upper'} case: the platform prints it ${expectedCase} case, so exact matching may miss it`);
  return pass;
}

function checkCode(value: string, spec: ParamSpec, length: number, codes: ReadonlySet<string>, hints: Readonly<Record<string, string>>, what: string): TypeResult {
  const upper = value.toUpperCase();
  const hint = hints[upper];
  if (hint) return fail(hint);
  if (!new RegExp(`^[A-Za-z]{${length}}$`).test(value) || !codes.has(upper)) return fail(`${JSON.stringify(value)} is not an ${what}`);
  if (value !== upper && !spec.caseInsensitive) return fail(`${JSON.stringify(value)} is lower case: ISO codes are upper case (${upper})`);
  return pass;
}

function checkTimestamp(value: string, spec: ParamSpec, ctx: TypeContext): TypeResult {
  const unit = spec.unit ?? 's';
  if (!/^\d+(?:\.\d+)?$/.test(value)) return fail(`${JSON.stringify(value)} is not a unix timestamp`);
  const digits = value.split('.')[0]!.length;
  // 10 digits are seconds (2001–2286), 13 are milliseconds: the classic unit mix-up.
  if (unit === 's' && digits >= 12) return fail(`${value} looks like milliseconds: a timestamp in seconds is expected`);
  if (unit === 'ms' && digits <= 10) return fail(`${value} looks like seconds: a timestamp in milliseconds is expected`);
  const seconds = unit === 'ms' ? Number(value) / 1000 : Number(value);
  const skew = spec.skewSec ?? DEFAULT_SKEW_SEC;
  const delta = Math.round(ctx.nowSec - seconds);
  if (Math.abs(delta) <= skew) return pass;
  const when = delta > 0 ? `${delta}s before` : `${-delta}s after`;
  return fail(`${value} is ${when} the capture (${new Date(seconds * 1000).toISOString()}); allowed skew ${skew}s`);
}

function checkUrl(value: string): TypeResult {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`${JSON.stringify(value)} is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(`${url.protocol} URL: http or https expected`);
  return pass;
}

/** The rule in words for the parameter table, e.g. `required decimal (≤ 2 places, ≥ 0)`. */
export function describeRule(spec: ParamSpec): string {
  const type = spec.type ?? 'string';
  const notes: string[] = [];
  if (type === 'decimal' && spec.maxDecimals !== undefined) notes.push(`≤ ${spec.maxDecimals} places`);
  if (spec.min !== undefined) notes.push(`≥ ${spec.min}`);
  if (spec.max !== undefined) notes.push(`≤ ${spec.max}`);
  if (type === 'enum') notes.push((spec.values ?? []).join(' | '));
  if (type === 'timestamp') notes.push(`${spec.unit ?? 's'}, ±${spec.skewSec ?? DEFAULT_SKEW_SEC}s`);
  if (spec.pattern) notes.push(`/${spec.pattern}/`);
  if (spec.minLength !== undefined || spec.maxLength !== undefined) notes.push(`length ${spec.minLength ?? 0}..${spec.maxLength ?? '∞'}`);
  if (spec.allowEmpty) notes.push('may be empty');
  if (spec.presence === 'forbidden') return 'forbidden';
  return `${spec.presence} ${type}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}
