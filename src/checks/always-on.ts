import type { ProfileMacroDialect } from '../model/profile.js';
import type { PostbackIssue } from '../model/verdict.js';
import { percentDecode } from '../shared/query-params.js';
import { checkAmounts, type ResolvedAmountNames } from './amounts.js';
import { explainMacro, findMacros } from './macros.js';
import type { PostbackField } from './postback-fields.js';

export interface AlwaysOnOptions {
  /** The profile's dialect, to say when a token belongs to another tracker; null without a profile. */
  dialect: ProfileMacroDialect | null;
  /** The query (or form body) is part of a signed string, so `+` vs `%20` changes the signature. */
  signedParams: boolean;
  amounts: ResolvedAmountNames;
  /** Params the profile allows to be empty. */
  allowEmpty: ReadonlySet<string>;
}

/** Postback-specific checks that run on every capture, with or without a profile. */
export function alwaysOnChecks(fields: readonly PostbackField[], options: AlwaysOnOptions): PostbackIssue[] {
  return [
    ...macroIssues(fields, options.dialect),
    ...emptyIssues(fields, options.allowEmpty),
    ...duplicateIssues(fields),
    ...doubleEncodedIssues(fields),
    ...(options.signedParams ? plusIssues(fields) : []),
    ...checkAmounts(fields, options.amounts),
  ];
}

function macroIssues(fields: readonly PostbackField[], dialect: ProfileMacroDialect | null): PostbackIssue[] {
  const issues: PostbackIssue[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    const once = findMacros(f.value).map((hit) => ({ hit, twice: false }));
    // `%257Bclick_id%257D` decodes to `%7Bclick_id%7D`: the macro is still there, one layer down.
    const twice = f.anomalies.includes('double-encoded') ? findMacros(percentDecode(f.value, false).text).map((hit) => ({ hit, twice: true })) : [];
    for (const { hit, twice: encodedTwice } of [...once, ...twice]) {
      const key = `${f.name}\u0000${hit.token}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ code: 'unreplaced-macro', severity: 'fail', param: f.name, token: hit.token, message: explainMacro(hit, f.name, dialect, encodedTwice) });
    }
  }
  return issues;
}

function emptyIssues(fields: readonly PostbackField[], allowEmpty: ReadonlySet<string>): PostbackIssue[] {
  const names = new Set(fields.filter((f) => f.value === '' && !allowEmpty.has(f.name)).map((f) => f.name));
  return [...names].map((name) => ({ code: 'empty-value', severity: 'warn', param: name, message: `${name} is present but empty: a macro with no value, or a field the sender never filled` }));
}

function duplicateIssues(fields: readonly PostbackField[]): PostbackIssue[] {
  const groups = new Map<string, PostbackField[]>();
  for (const f of fields) {
    if (f.source === 'json') continue;
    const key = `${f.source}\u0000${f.name}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const issues: PostbackIssue[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const name = group[0]!.name;
    const values = [...new Set(group.map((f) => f.value))];
    const message =
      values.length === 1
        ? `${name} is sent ${group.length} times with the same value`
        : `${name} is sent ${group.length} times with different values (${values.map((v) => JSON.stringify(v)).join(', ')}): receivers disagree on which one wins`;
    issues.push({ code: 'duplicate-key', severity: 'warn', param: name, message });
  }
  return issues;
}

function doubleEncodedIssues(fields: readonly PostbackField[]): PostbackIssue[] {
  return fields
    .filter((f) => f.anomalies.includes('double-encoded'))
    .map((f) => ({
      code: 'double-encoded' as const,
      severity: 'warn' as const,
      param: f.name,
      message: `${f.name} is percent-encoded twice: ${JSON.stringify(f.rawValue ?? f.value)} decodes to ${JSON.stringify(f.value)}, and again to ${JSON.stringify(percentDecode(f.value, false).text)}`,
    }));
}

/**
 * A `+` in a signed string is ambiguous: form decoding reads a space, RFC 3986 a plus, and the
 * two sides of a signature often disagree. Said once per param, with the query's other spelling.
 */
function plusIssues(fields: readonly PostbackField[]): PostbackIssue[] {
  const raw = fields.filter((f) => f.rawValue !== null && f.source !== 'json');
  const hasPercent20 = raw.some((f) => /%20/.test(f.rawValue!));
  return raw
    .filter((f) => f.rawValue!.includes('+'))
    .map((f) => ({
      code: 'plus-ambiguity' as const,
      severity: 'warn' as const,
      param: f.name,
      message:
        `${f.name}=${f.rawValue} has '+' in a signed string: read as a space (form encoding) or as a plus (RFC 3986), the signature differs` +
        (hasPercent20 ? "; other values use '%20' for spaces, so the sender mixes both encodings" : ''),
    }));
}
