import type { RawHeaders } from '../model/exchange.js';
import type { EncodeMode, MacroUse, SendProblem, SuccessRule, TemplateSpec } from '../model/sender.js';
import { tokenizeWithEnvironment, type TemplateEnvironment } from './environment-variables.js';
import { encodeForSlot } from './insert.js';
import { checkLeftovers } from './leftovers.js';
import { fixedSlots, formSlots, jsonSlots, urlSlots, type Part } from './slots.js';
import { utf8ToBinary } from './encoding.js';
import { normalizeName, type ValueResolver } from './values.js';
import { headerValue } from '../http/headers.js';

/** A template parsed once (bulk sends expand it thousands of times). */
export interface CompiledTemplate {
  spec: TemplateSpec;
  url: Part[];
  headers: Array<{ name: Part[]; value: Part[] }>;
  body: Part[];
  successBody: Part[] | null;
  encode: Map<string, EncodeMode>;
  optional: Set<string>;
  /** Unknown `{{variables}}`: found once when compiled, reported by every expansion. */
  variableProblems: SendProblem[];
}

export interface Expansion {
  method: string;
  /** The expanded URL as text (fragment included, as written). */
  url: string;
  /** scheme://authority, or null when the URL is unusable. */
  origin: string | null;
  /** Path and query as a binary string (UTF-8 bytes), fragment removed: what goes on the request line. */
  target: string;
  /** Header values as binary strings. */
  headers: RawHeaders;
  body: Buffer;
  macros: MacroUse[];
  problems: SendProblem[];
  notes: string[];
  success: SuccessRule;
  correlation: string | null;
}

/** `environment`: the variables `{{name}}` is replaced from before macros are read (none: every `{{name}}` is unknown). */
export function compileTemplate(spec: TemplateSpec, environment: TemplateEnvironment | null = null): CompiledTemplate {
  const dialect = spec.dialect;
  const variableProblems: SendProblem[] = [];
  const tokens = (text: string, where: string) => tokenizeWithEnvironment(text, dialect, environment, where, variableProblems);
  const bodyTokens = tokens(spec.body ?? '', 'body');
  const body = spec.bodyMode === 'json' ? jsonSlots(bodyTokens) : spec.bodyMode === 'form' ? formSlots(bodyTokens) : spec.bodyMode === 'raw' ? fixedSlots(bodyTokens, 'raw-body') : [];
  return {
    spec,
    url: urlSlots(tokens(spec.url, 'URL')),
    headers: (spec.headers ?? []).map(([name, value]) => ({
      name: fixedSlots(tokens(name, 'header name'), 'header-name'),
      value: fixedSlots(tokens(value, `${name} header`), 'header-value'),
    })),
    body,
    successBody: spec.success?.body ? fixedSlots(tokens(spec.success.body.value, 'success rule'), 'success-body') : null,
    encode: new Map(Object.entries(spec.encode ?? {}).map(([name, mode]) => [normalizeName(name), mode])),
    optional: new Set((spec.optional ?? []).map(normalizeName)),
    variableProblems,
  };
}

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const methodToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Fills every macro for one postback, encoding each for its slot, and lists what stops the send. */
export function expandTemplate(compiled: CompiledTemplate, resolver: ValueResolver): Expansion {
  const { spec } = compiled;
  const macros: MacroUse[] = [];
  // Unknown variables first: the leftover check then knows their tokens and does not report them again.
  const problems: SendProblem[] = compiled.variableProblems.length ? compiled.variableProblems.slice() : [];
  const notes: string[] = [];
  // One context object instead of a closure: this runs once per postback in bulk runs.
  const ctx: FillContext = { compiled, resolver, macros, problems };

  const method = spec.method.trim();
  if (!methodToken.test(method)) problems.push({ code: 'invalid-method', message: `"${method}" is not an HTTP method` });

  const url = expandParts(compiled.url, ctx);
  const { origin, target, fragment, error } = splitUrl(url);
  if (error) problems.push({ code: 'invalid-url', message: error });
  if (fragment) notes.push(`The fragment "#${fragment}" is not sent (it never leaves the client).`);
  const badAt = target.search(/[\x00-\x20\x7f]/);
  if (badAt >= 0) problems.push({ code: 'invalid-url', message: `The URL has a space or control character at position ${badAt} of "${target}"; encode it in the template` });

  const headers: RawHeaders = [];
  for (const header of compiled.headers) {
    const name = expandParts(header.name, ctx).trim();
    const value = expandParts(header.value, ctx);
    if (!headerName.test(name)) problems.push({ code: 'invalid-header', message: `"${name}" is not a valid header name` });
    if (/[\r\n\0]/.test(value)) problems.push({ code: 'invalid-header', message: `The value of ${name} contains a line break or NUL, which would split the request` });
    headers.push([name, utf8ToBinary(value)]);
  }

  const bodyText = expandParts(compiled.body, ctx);
  if (spec.bodyMode === 'json' && bodyText.trim() !== '') {
    try {
      JSON.parse(bodyText);
    } catch (e) {
      problems.push({ code: 'invalid-json', message: `The expanded JSON body does not parse: ${(e as Error).message}` });
    }
  }
  const defaultType = spec.bodyMode === 'json' ? 'application/json' : spec.bodyMode === 'form' ? 'application/x-www-form-urlencoded' : null;
  if (defaultType && headerValue(headers, 'content-type') === null) {
    headers.push(['Content-Type', defaultType]);
    notes.push(`Content-Type: ${defaultType} added (the template has none).`);
  }

  // The template's own rule object when nothing in it is expanded, so per-run settings can be shared.
  const success: SuccessRule = spec.success?.body && compiled.successBody ? { ...spec.success, body: { ...spec.success.body, value: expandParts(compiled.successBody, ctx) } } : (spec.success ?? anyTwoHundred);

  checkLeftovers({ url, headers, body: bodyText, bodyMode: spec.bodyMode, dialect: spec.dialect }, problems);
  return {
    method,
    url,
    origin,
    target: utf8ToBinary(target),
    headers,
    body: bodyText === '' ? emptyBody : Buffer.from(bodyText, 'utf8'),
    macros,
    problems,
    notes,
    success,
    correlation: resolver.correlation(),
  };
}

interface FillContext {
  compiled: CompiledTemplate;
  resolver: ValueResolver;
  macros: MacroUse[];
  problems: SendProblem[];
}

const emptyBody = Buffer.alloc(0);
const anyTwoHundred: SuccessRule = Object.freeze({ status: '2xx' });

function expandParts(parts: Part[], { compiled, resolver, macros, problems }: FillContext): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const resolved = resolver.resolve(part.name);
    if (!resolved) {
      // The token stays in the preview so the user sees where it is; the send is refused.
      out += part.token;
      macros.push({ token: part.token, name: part.name, slot: part.slot, value: null, inserted: part.token, encoding: 'raw', source: 'unknown' });
      if (!problems.some((p) => p.code === 'unknown-macro' && p.token === part.token)) {
        problems.push({ code: 'unknown-macro', token: part.token, slot: part.slot, message: `Unknown macro ${part.token} (${part.slot}): no value named "${part.name}" and no built-in` });
      }
      continue;
    }
    const key = part.key;
    if (resolved.value === '' && !compiled.optional.has(key) && !problems.some((p) => p.code === 'empty-value' && p.token === part.token)) {
      problems.push({ code: 'empty-value', token: part.token, slot: part.slot, message: `Empty value for ${part.token} (${part.slot}); give it a value or mark it optional` });
    }
    const { text, encoding } = encodeForSlot(resolved.value, part.slot, compiled.encode.get(key) ?? 'auto');
    out += text;
    macros.push({ token: part.token, name: part.name, slot: part.slot, value: resolved.value, inserted: text, encoding, source: resolved.source });
  }
  return out;
}

/** Splits an expanded URL without normalising it (no URL parser touches the target). */
export function splitUrl(url: string): { origin: string | null; target: string; fragment: string | null; error: string | null } {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^#]*)(?:#(.*))?$/s.exec(url.trim());
  if (!match) return { origin: null, target: '/', fragment: null, error: `"${url}" is not an absolute http(s) URL` };
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!;
  let target = match[3]!;
  if (target === '' || target.startsWith('?')) target = `/${target}`;
  const fragment = match[4] ?? null;
  if (scheme !== 'http' && scheme !== 'https') return { origin: null, target, fragment, error: `Only http and https can be sent, not ${scheme}:` };
  const origin = `${scheme}://${authority}`;
  const error = originError(origin, authority);
  return error ? { origin: null, target, fragment, error } : { origin, target, fragment, error: null };
}

/** Origins checked so far: a bulk run sends thousands of postbacks to one or two origins. */
const checkedOrigins = new Map<string, string | null>();

function originError(origin: string, authority: string): string | null {
  let error = checkedOrigins.get(origin);
  if (error !== undefined) return error;
  try {
    error = new URL(origin).hostname ? null : `"${authority}" has no host`;
  } catch {
    error = `"${authority}" is not a valid host[:port]`;
  }
  if (checkedOrigins.size > 1000) checkedOrigins.clear();
  checkedOrigins.set(origin, error);
  return error;
}
