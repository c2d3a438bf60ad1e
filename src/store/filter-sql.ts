import { duplicateSql } from './duplicate-sql.js';
import type { Db } from './open-database.js';
import { statusClassOf, typedTimeToEpoch, type Clause, type FilterTerm, type StringOp } from '../shared/filter-language.js';
import { utf8ToBinary } from '../sender/encoding.js';

/** One condition on the `exchanges` table, with its positional arguments. */
export interface SqlCondition {
  sql: string;
  args: unknown[];
}

/**
 * Turns parsed filter terms into SQL over `exchanges`, using the derived indexes where they exist:
 * exchange_params (name, value) for param.*, the exchange_text FTS table for words and its stored
 * columns for body*= (see migration 014), the verdicts status index for verdict:.
 */
export function compileFilter(terms: readonly FilterTerm[], now: number): SqlCondition[] {
  return terms.map((term) => {
    const condition = compileClause(term.clause, now);
    // coalesce: a NULL (no response, no endpoint) is "does not match", so its negation matches.
    return term.negated ? { sql: `NOT coalesce((${condition.sql}), 0)`, args: condition.args } : condition;
  });
}

/**
 * The older `status` query parameter (`404`, `5xx`) as the filter language's status clauses, so
 * both compile to the same SQL. Null for text that is neither (the parameter then filters nothing).
 */
export function statusParamCondition(status: string): SqlCondition | null {
  const klass = statusClassOf(status);
  if (klass !== null) return compileClause({ kind: 'status-class', klass }, 0);
  if (/^\d{3}$/.test(status)) return compileClause({ kind: 'status', op: '=', value: Number(status) }, 0);
  return null;
}

/** The SQL function numeric comparisons on params need; registered once per connection. */
export function registerFilterFunctions(db: Db): void {
  // Params are stored as written ("2.50", "1e3", "abc"): only text that is a whole number compares.
  db.function('filter_number', { deterministic: true }, (value: unknown) => {
    if (typeof value !== 'string' || !/^\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(value)) return null;
    return Number(value);
  });
}

const paramIds = 'id IN (SELECT exchange_id FROM exchange_params WHERE name = ?';

function compileClause(clause: Clause, now: number): SqlCondition {
  switch (clause.kind) {
    case 'text':
      return textCondition(clause.text, clause.phrase);
    case 'param':
      if (clause.op === '!=') {
        // Has the param, and none of its values is this one (a missing param is `-param.x=v`).
        return { sql: `${paramIds}) AND NOT ${paramIds} AND value = ?)`, args: [clause.name, clause.name, clause.value] };
      }
      return clause.op === '='
        ? { sql: `${paramIds} AND value = ?)`, args: [clause.name, clause.value] }
        : { sql: `${paramIds} AND value LIKE ? ESCAPE '\\')`, args: [clause.name, likePattern(clause.op, clause.value)] };
    case 'param-number':
      return { sql: `${paramIds} AND filter_number(value) ${clause.op} ?)`, args: [clause.name, clause.value] };
    case 'param-exists':
      return { sql: `${paramIds})`, args: [clause.name] };
    case 'header':
      return headerCondition(clause.name, clause.op, clause.value);
    case 'header-exists':
      return { sql: `EXISTS (SELECT 1 FROM json_each(exchanges.raw_headers) h WHERE lower(json_extract(h.value, '$[0]')) = ?)`, args: [utf8ToBinary(clause.name)] };
    case 'body': {
      const pattern = likePattern('*=', clause.value);
      return { sql: `id IN (SELECT rowid FROM exchange_text WHERE body LIKE ? ESCAPE '\\' OR response LIKE ? ESCAPE '\\')`, args: [pattern, pattern] };
    }
    case 'status':
      return { sql: `response_status ${sqlCompare(clause.op)} ?`, args: [clause.value] };
    case 'status-class':
      return { sql: 'response_status BETWEEN ? AND ?', args: [clause.klass * 100, clause.klass * 100 + 99] };
    case 'direction':
      return { sql: 'direction = ?', args: [clause.value] };
    case 'verdict': {
      const has = clause.value === 'pending' ? { sql: 'id NOT IN (SELECT exchange_id FROM verdicts)', args: [] } : { sql: 'id IN (SELECT exchange_id FROM verdicts WHERE status = ?)', args: [clause.value] };
      return clause.op === '!=' ? { sql: `NOT (${has.sql})`, args: has.args } : has;
    }
    case 'endpoint':
      return endpointCondition(clause.op, clause.value);
    case 'method':
      return { sql: `method ${clause.op === '!=' ? '<>' : '='} ?`, args: [clause.value] };
    case 'path':
      if (clause.op === 'glob') return { sql: 'path GLOB ?', args: [globPattern(clause.value)] };
      if (clause.op === '=' || clause.op === '!=') return { sql: `path ${clause.op === '=' ? '=' : '<>'} ?`, args: [clause.value] };
      return { sql: `path LIKE ? ESCAPE '\\'`, args: [likePattern(clause.op, clause.value)] };
    case 'dup':
      return { sql: duplicateSql, args: [] };
    case 'after':
      return { sql: 'received_at >= ?', args: [typedTimeToEpoch(clause.at)] };
    case 'before':
      return { sql: 'received_at < ?', args: [typedTimeToEpoch(clause.at)] };
    case 'last':
      return { sql: 'received_at >= ?', args: [now - clause.ms] };
    case 'id':
      return { sql: `id ${sqlCompare(clause.op)} ?`, args: [clause.value] };
  }
}

function sqlCompare(op: '=' | '!=' | '>' | '>=' | '<' | '<='): string {
  return op === '!=' ? '<>' : op;
}

/**
 * Words go to the FTS index (each must start a word of the URL, bodies, headers or response, as
 * the old `q` did); a quoted text is a phrase. Text with no word characters at all (`/`) cannot be
 * asked of FTS, so it is looked for in the URL as written.
 */
export function textCondition(text: string, phrase: boolean): SqlCondition {
  const terms = text.split(/[^\p{L}\p{N}\-_.@]+/u).filter((t) => t !== '');
  if (terms.length === 0) return { sql: 'instr(target, ?) > 0', args: [utf8ToBinary(text)] };
  const match = phrase ? `"${terms.join(' ').replaceAll('"', '""')}"` : terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' ');
  return { sql: 'id IN (SELECT rowid FROM exchange_text WHERE exchange_text MATCH ?)', args: [match] };
}

/** Headers are read from the stored request (exact, any header): values are kept latin1-mapped there. */
function headerCondition(name: string, op: StringOp, value: string): SqlCondition {
  const each = `SELECT 1 FROM json_each(exchanges.raw_headers) h WHERE lower(json_extract(h.value, '$[0]')) = ?`;
  const stored = utf8ToBinary(value);
  if (op === '=') return { sql: `EXISTS (${each} AND json_extract(h.value, '$[1]') = ?)`, args: [utf8ToBinary(name), stored] };
  // != : has the header, and no value of it is this one.
  if (op === '!=') return { sql: `EXISTS (${each}) AND NOT EXISTS (${each} AND json_extract(h.value, '$[1]') = ?)`, args: [utf8ToBinary(name), utf8ToBinary(name), stored] };
  return { sql: `EXISTS (${each} AND json_extract(h.value, '$[1]') LIKE ? ESCAPE '\\')`, args: [utf8ToBinary(name), likePattern(op, stored)] };
}

function endpointCondition(op: '=' | '!=' | '*=', value: string): SqlCondition {
  const name = `json_extract(definition, '$.name')`;
  const byName = op === '*=' ? { sql: `${name} LIKE ? ESCAPE '\\'`, args: [likePattern('*=', value)] } : { sql: `lower(${name}) = lower(?)`, args: [value] };
  const ids = /^\d+$/.test(value) && op !== '*=' ? { sql: `id = ? OR ${byName.sql}`, args: [Number(value), ...byName.args] } : byName;
  const matches = `endpoint_id IN (SELECT id FROM endpoints WHERE ${ids.sql})`;
  // != : answered by some other endpoint (or none).
  return op === '!=' ? { sql: `NOT coalesce(${matches}, 0)`, args: ids.args } : { sql: matches, args: ids.args };
}

/** LIKE is ASCII case-insensitive in SQLite, which is what "any case" promises; % _ \ are literal. */
function likePattern(op: '*=' | '^=' | '$=' | '=' | '!=', value: string): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return op === '^=' ? `${escaped}%` : op === '$=' ? `%${escaped}` : `%${escaped}%`;
}

/** A user glob (`*` any, `?` one) as a SQLite GLOB: a `[` is literal here, not a character class. */
function globPattern(value: string): string {
  return value.replace(/\[/g, '[[]');
}

