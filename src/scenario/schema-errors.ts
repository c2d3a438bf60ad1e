import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { fieldPath, pointerSegments } from '../shared/json-pointer.js';
import { patternHints } from './plan-schema.js';

/** One shape problem: where (JSON pointer segments), whether it is about the key itself, and what. */
export interface ShapeError {
  path: string[];
  /** Point at the key (an unknown field) rather than the value. */
  atKey: boolean;
  message: string;
}

interface RawError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/**
 * TypeBox's errors made readable. A union (anyOf) reports every branch's complaints; shown raw, a
 * bad `retry: {kind: exponential, baseMs: x}` would read "must have required property preset".
 * So each union keeps only its most plausible branch (fewest errors, and not one whose
 * discriminator or type is already wrong); when none is plausible it says what was allowed.
 */
export function shapeErrors(schema: TSchema, value: unknown, prefix: string[] = []): ShapeError[] {
  let errors = [...Value.Errors(schema, value)] as unknown as RawError[];
  // The boolean `schema is false` errors already name each unknown field.
  errors = errors.filter((e) => e.keyword !== 'additionalProperties');
  const merged: ShapeError[] = [];
  for (;;) {
    const unions = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
    const union = unions[0];
    if (!union) break;
    const inBranch = (e: RawError): boolean => e.schemaPath.startsWith(`${union.schemaPath}/anyOf/`);
    const branches = new Map<string, RawError[]>();
    for (const e of errors.filter(inBranch)) {
      const branch = e.schemaPath.slice(union.schemaPath.length + '/anyOf/'.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const score = (list: RawError[]): number =>
      list.reduce((sum, e) => sum + (isDiscriminatorMiss(e, union.instancePath) ? 100 : 1), 0);
    const ranked = [...branches.values()].sort((a, b) => score(a) - score(b));
    const best = ranked[0];
    const rest = errors.filter((e) => e !== union && !inBranch(e));
    if (best && score(best) < 100) {
      errors = [...rest, ...best];
    } else {
      errors = rest;
      merged.push({ path: [...prefix, ...pointerSegments(union.instancePath)], atKey: false, message: alternatives([...branches.values()].flat(), union.instancePath) });
    }
  }
  const out = [...merged, ...errors.map((e) => readable(e, prefix))];
  const seen = new Set<string>();
  return out.filter((e) => {
    const key = `${e.path.join('/')}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A branch that is wrong about the value's type, its constant, or its `kind`, is not the one meant. */
function isDiscriminatorMiss(e: RawError, unionPath: string): boolean {
  if (e.instancePath === unionPath && (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'pattern')) return true;
  return e.keyword === 'const' && e.instancePath === `${unionPath}/kind`;
}

function alternatives(errors: RawError[], at: string): string {
  const own = errors.filter((e) => e.instancePath === at || e.instancePath === `${at}/kind`);
  const consts = [...new Set(own.filter((e) => e.keyword === 'const').map((e) => JSON.stringify(e.params['allowedValue'])))];
  const types = [...new Set(own.filter((e) => e.keyword === 'type').map((e) => String(e.params['type'])))];
  const patterns = own.filter((e) => e.keyword === 'pattern').map((e) => patternHints[String(e.params['pattern'])] ?? `a string that ${e.message.replace(/^must /, '')}`);
  const parts = [...(consts.length ? [`one of ${consts.join(', ')}`] : []), ...types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)), ...patterns];
  return parts.length ? `must be ${[...new Set(parts)].join(' or ')}` : 'is not one of the allowed forms';
}

function readable(e: RawError, prefix: string[]): ShapeError {
  const path = [...prefix, ...pointerSegments(e.instancePath)];
  if (e.keyword === 'boolean') return { path, atKey: true, message: `unknown field "${path[path.length - 1]}"` };
  if (e.keyword === 'required') {
    const names = (e.params['requiredProperties'] as string[] | undefined) ?? [];
    return { path, atKey: false, message: `missing ${names.length > 1 ? 'fields' : 'field'} ${names.map((n) => `"${n}"`).join(', ')}` };
  }
  if (e.keyword === 'pattern') return { path, atKey: false, message: `must be ${patternHints[String(e.params['pattern'])] ?? e.message}` };
  if (e.keyword === 'const') return { path, atKey: false, message: `must be ${JSON.stringify(e.params['allowedValue'])}` };
  return { path, atKey: false, message: e.message };
}

/** `['steps', '2', 'send', 'vars']` → `steps[2].send.vars` */
export function pathText(path: readonly string[]): string {
  return fieldPath(path) || '(the plan)';
}
