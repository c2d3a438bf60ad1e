import { FIELD_BY_NAME, FIELDS, OPERATORS, type FieldSpec } from './filter-fields.js';

/**
 * Autocomplete for the filter language: what may come next at the cursor (a field, an operator,
 * a known param or header name, a fixed value). Pure, so it is tested without a browser.
 */

export interface Suggestion {
  /** Replaces input[from, to). */
  insert: string;
  label: string;
  detail: string;
}

export interface Suggestions {
  from: number;
  to: number;
  items: Suggestion[];
}

export interface SuggestContext {
  /** Param names seen in captures (GET /api/params). */
  params: readonly string[];
  /** Endpoint names, for endpoint:. */
  endpoints: readonly string[];
}

const COMMON_HEADERS = ['user-agent', 'content-type', 'content-encoding', 'authorization', 'x-forwarded-for', 'x-signature', 'x-request-id', 'host'];
const STATUS_VALUES = ['2xx', '3xx', '4xx', '5xx', '200', '400', '404', '500', '503'];
const LAST_VALUES = ['15m', '1h', '24h', '7d'];
const MAX_ITEMS = 12;

export function suggest(input: string, cursor: number, context: SuggestContext): Suggestions {
  let from = cursor;
  while (from > 0 && !/\s/.test(input[from - 1]!)) from--;
  let to = cursor;
  while (to < input.length && !/\s/.test(input[to]!)) to++;
  if (input[from] === '-') from++;
  const typed = input.slice(from, cursor);
  // Nothing typed yet offers nothing: Enter in an empty or finished box must apply it, not insert a field.
  if (typed === '' || typed.startsWith('"')) return { from, to, items: [] };
  const opAt = operatorAt(typed);
  const items = (opAt ? valueItems(typed, opAt, context) : headItems(typed, context)).filter((i) => i.insert !== typed);
  return { from, to, items: items.slice(0, MAX_ITEMS) };
}

/** Where the first operator of a term is, and which. */
function operatorAt(typed: string): { index: number; op: string } | null {
  for (let i = 0; i < typed.length; i++) {
    const op = OPERATORS.find((o) => typed.startsWith(o, i));
    if (op) return { index: i, op };
  }
  return null;
}

/** Before any operator: field names, `param.`/`header.` names, then the operators of a complete field. */
function headItems(typed: string, context: SuggestContext): Suggestion[] {
  const lower = typed.toLowerCase();
  const dot = typed.indexOf('.');
  const base = dot < 0 ? lower : lower.slice(0, dot);
  const field = FIELD_BY_NAME.get(base);
  if (field?.named && dot >= 0) {
    const partial = typed.slice(dot + 1);
    const names = field.name === 'param' ? context.params : COMMON_HEADERS;
    const named = names
      .filter((n) => n.toLowerCase().startsWith(partial.toLowerCase()) && n !== partial)
      .map((n) => ({ insert: `${field.name}.${n}`, label: `${field.name}.${n}`, detail: field.name === 'param' ? 'seen in captures' : 'header' }));
    // Any name may be complete (a param never seen yet): its operators follow the longer names.
    return partial ? named.concat(operatorItems(`${field.name}.${partial}`, field)) : named;
  }
  if (field && dot < 0 && lower === field.name && !field.named) return field.operators.length ? operatorItems(field.name, field) : [];
  return FIELDS.filter((f) => f.name.startsWith(lower)).map((f) => ({ insert: headInsert(f), label: headInsert(f), detail: f.summary }));
}

/** A field as it is best inserted: ready for its name, its value or complete. */
function headInsert(field: FieldSpec): string {
  if (field.named) return `${field.name}.`;
  if (field.operators.length === 0) return field.name;
  if (field.name === 'body') return 'body*=';
  return field.operators.includes(':') ? `${field.name}:` : field.name;
}

function operatorItems(head: string, field: FieldSpec): Suggestion[] {
  return field.operators.map((op) => ({ insert: `${head}${op}`, label: `${head}${op}`, detail: OPERATOR_DETAIL[op] ?? '' }));
}

const OPERATOR_DETAIL: Record<string, string> = {
  ':': 'is',
  '=': 'equals (as written)',
  '!=': 'does not equal',
  '*=': 'contains (any case)',
  '^=': 'starts with',
  '$=': 'ends with',
  '>': 'greater than (numbers)',
  '>=': 'at least (numbers)',
  '<': 'less than (numbers)',
  '<=': 'at most (numbers)',
};

/** After an operator: the fixed values of the field, if any. */
function valueItems(typed: string, at: { index: number; op: string }, context: SuggestContext): Suggestion[] {
  const head = typed.slice(0, at.index);
  const prefix = typed.slice(0, at.index + at.op.length);
  const partial = typed.slice(at.index + at.op.length).toLowerCase();
  const field = FIELD_BY_NAME.get(head.toLowerCase());
  const values =
    field?.name === 'status'
      ? at.op === ':' || at.op === '='
        ? STATUS_VALUES
        : STATUS_VALUES.filter((v) => /^\d+$/.test(v))
      : field?.name === 'last'
        ? LAST_VALUES
        : field?.name === 'endpoint'
          ? context.endpoints.map((n) => (/[\s"]/.test(n) ? `"${n.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : n))
          : (field?.values ?? []);
  return values
    .filter((v) => v.toLowerCase().startsWith(partial) && v.toLowerCase() !== partial)
    .map((v) => ({ insert: `${prefix}${v}`, label: `${prefix}${v}`, detail: field?.summary ?? '' }));
}
