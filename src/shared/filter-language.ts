import { FIELD_BY_NAME, FIELDS, OPERATORS, type FieldSpec, type FilterOperator } from './filter-fields.js';

/**
 * The Inbox filter language (HTTP Toolkit style): `param.payout>1.5 status:5xx -dup abc`.
 * Terms are separated by spaces and all must match; a leading `-` negates one. Pure TS (no Node,
 * no DOM): the renderer parses as the user types for inline errors and the server parses the same
 * text again before it turns it into SQL, so both always agree on what an expression means.
 *
 * Anything that looks like a filter (a word followed by an operator) is parsed as one, and a typo
 * is an error with its position, never a silent free-text search: `payout>1.5` would otherwise
 * "work" and find nothing. Quoting turns any text back into a free-text search.
 */

export type StringOp = '=' | '!=' | '*=' | '^=' | '$=';
export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** A date/time as typed; the zone is applied where the expression is evaluated (the server, local). */
export interface TypedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the text said so (`Z`, `+02:00`); null: local time. */
  offsetMinutes: number | null;
}

export type Clause =
  | { kind: 'text'; text: string; phrase: boolean }
  | { kind: 'param'; name: string; op: StringOp; value: string }
  | { kind: 'param-number'; name: string; op: '>' | '>=' | '<' | '<='; value: number }
  | { kind: 'param-exists'; name: string }
  | { kind: 'header'; name: string; op: StringOp; value: string }
  | { kind: 'header-exists'; name: string }
  | { kind: 'body'; value: string }
  | { kind: 'status'; op: CompareOp; value: number }
  | { kind: 'status-class'; klass: number }
  | { kind: 'direction'; value: 'in' | 'out' }
  | { kind: 'verdict'; op: '=' | '!='; value: 'pass' | 'fail' | 'none' | 'pending' }
  | { kind: 'endpoint'; op: '=' | '!=' | '*='; value: string }
  | { kind: 'method'; op: '=' | '!='; value: string }
  | { kind: 'path'; op: StringOp | 'glob'; value: string }
  | { kind: 'dup' }
  | { kind: 'after' | 'before'; at: TypedTime }
  | { kind: 'last'; ms: number }
  | { kind: 'id'; op: CompareOp; value: number };

export interface FilterTerm {
  clause: Clause;
  negated: boolean;
  /** Where the term is in the input (0-based, end exclusive), for highlighting. */
  start: number;
  end: number;
}

export interface FilterError {
  message: string;
  /** 0-based offset of the first offending character, and how many characters to mark (at least 1). */
  position: number;
  length: number;
}

export type ParseResult = { ok: true; terms: FilterTerm[] } | { ok: false; error: FilterError };

class ParseFailure extends Error {
  constructor(
    readonly detail: string,
    readonly position: number,
    readonly length = 1,
  ) {
    super(detail);
  }
}

/** Characters that end a field name and start an operator. */
const OPERATOR_START = new Set(['=', '!', '<', '>', '*', '^', '$', ':']);
/** An unquoted value may not start with these: `param.payout>>1` is a typo, not "greater than '>1'". */
const BAD_VALUE_START = new Set(['=', '<', '>', '!']);
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseFilter(input: string): ParseResult {
  try {
    return { ok: true, terms: new Parser(input).terms() };
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    const length = Math.max(1, Math.min(err.length, input.length - err.position || 1));
    return { ok: false, error: { message: `Column ${err.position + 1}: ${err.detail}`, position: err.position, length } };
  }
}

class Parser {
  private pos = 0;

  constructor(private readonly input: string) {}

  terms(): FilterTerm[] {
    const terms: FilterTerm[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.input.length) return terms;
      terms.push(this.term());
    }
  }

  private term(): FilterTerm {
    const start = this.pos;
    let negated = false;
    if (this.peek() === '-') {
      negated = true;
      this.pos++;
      if (this.atEnd() || this.isSpace(this.peek())) throw new ParseFailure('"-" must be followed by a filter or a word (no space between)', start);
      if (this.peek() === '-') throw new ParseFailure('one "-" negates a term; two do not cancel out', this.pos);
    }
    const clause = this.peek() === '"' ? { kind: 'text' as const, text: this.quoted(), phrase: true } : this.unquotedTerm();
    if (!this.atEnd() && !this.isSpace(this.peek())) throw new ParseFailure(`unexpected "${this.peek()}": separate terms with a space`, this.pos);
    return { clause, negated, start, end: this.pos };
  }

  private unquotedTerm(): Clause {
    const headStart = this.pos;
    while (!this.atEnd() && !this.isSpace(this.peek()) && !OPERATOR_START.has(this.peek()) && this.peek() !== '"') this.pos++;
    const head = this.input.slice(headStart, this.pos);
    if (head === '') throw new ParseFailure(`a term cannot start with "${this.peek()}"; quote it to search the text`, headStart);
    const op = this.operator();
    if (op === null) {
      if (!this.atEnd() && this.peek() === '"') throw new ParseFailure('a quote inside a word; put the whole text in quotes', this.pos);
      return this.bareHead(head, headStart);
    }
    const { field, name } = this.field(head, headStart);
    const opStart = this.pos - op.length;
    if (!field.operators.includes(op)) {
      const allowed = field.operators.length === 0 ? `${field.name} takes no value` : `${field.name} takes ${field.operators.join(' ')}`;
      throw new ParseFailure(`"${op}" does not apply to ${field.name}: ${allowed}`, opStart, op.length);
    }
    const valueStart = this.pos;
    const value = this.value(field, op);
    return clauseOf(field, name, op, value, valueStart, opStart);
  }

  /** A word with no operator: a flag, a "has it" (`param.x`) or free text. */
  private bareHead(head: string, start: number): Clause {
    const dot = head.indexOf('.');
    const base = (dot < 0 ? head : head.slice(0, dot)).toLowerCase();
    const field = FIELD_BY_NAME.get(base);
    if (field?.name === 'dup' && dot < 0) return { kind: 'dup' };
    if (field?.named && dot >= 0) {
      const name = head.slice(dot + 1);
      if (name === '') throw new ParseFailure(`${field.name}. needs a name: ${field.examples[0]}`, start + head.length);
      return field.name === 'param' ? { kind: 'param-exists', name } : { kind: 'header-exists', name: name.toLowerCase() };
    }
    return { kind: 'text', text: head, phrase: false };
  }

  private field(head: string, start: number): { field: FieldSpec; name: string } {
    const dot = head.indexOf('.');
    const base = (dot < 0 ? head : head.slice(0, dot)).toLowerCase();
    const field = FIELD_BY_NAME.get(base);
    if (!field) {
      const hint = /^[\w-]+$/.test(head) ? `; for a parameter write param.${head}` : '';
      throw new ParseFailure(`unknown field "${head}"${hint}; or quote the term to search the text (fields: ${FIELDS.map((f) => f.name).join(', ')})`, start, head.length);
    }
    if (field.named) {
      if (dot < 0 || dot === head.length - 1) throw new ParseFailure(`${field.name} needs a name after a dot, e.g. ${field.examples[0]}`, start + head.length);
      return { field, name: head.slice(dot + 1) };
    }
    if (dot >= 0) throw new ParseFailure(`${field.name} takes no name after a dot`, start + dot, head.length - dot);
    return { field, name: '' };
  }

  private operator(): FilterOperator | null {
    for (const op of OPERATORS) {
      if (this.input.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    if (!this.atEnd() && OPERATOR_START.has(this.peek())) {
      throw new ParseFailure(`"${this.peek()}" is not an operator; use one of ${OPERATORS.join(' ')}`, this.pos);
    }
    return null;
  }

  private value(field: FieldSpec, op: FilterOperator): string {
    if (this.peek() === '"') return this.quoted();
    const start = this.pos;
    while (!this.atEnd() && !this.isSpace(this.peek())) {
      if (this.peek() === '"') throw new ParseFailure('a quote inside a value; quote the whole value', this.pos);
      this.pos++;
    }
    const value = this.input.slice(start, this.pos);
    if (value === '') throw new ParseFailure(`${field.name}${op} needs a value, e.g. ${field.examples[0]}`, start);
    if (BAD_VALUE_START.has(value[0]!)) throw new ParseFailure(`unexpected "${value[0]}" after "${op}": write one operator (quote the value if it really starts with "${value[0]}")`, start, value.length);
    return value;
  }

  /** `"…"` with `\"` and `\\` escapes; the cursor ends after the closing quote. */
  private quoted(): string {
    const open = this.pos;
    this.pos++;
    let text = '';
    while (!this.atEnd()) {
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return text;
      }
      if (c === '\\' && (this.input[this.pos + 1] === '"' || this.input[this.pos + 1] === '\\')) {
        text += this.input[this.pos + 1];
        this.pos += 2;
        continue;
      }
      text += c;
      this.pos++;
    }
    throw new ParseFailure('this quote is never closed', open);
  }

  private skipSpace(): void {
    while (!this.atEnd() && this.isSpace(this.peek())) this.pos++;
  }

  private peek(): string {
    return this.input[this.pos] ?? '';
  }

  private atEnd(): boolean {
    return this.pos >= this.input.length;
  }

  private isSpace(c: string): boolean {
    return c === ' ' || c === '\t' || c === '\n' || c === '\r';
  }
}

/** Checks the value against what the field accepts and builds the clause. */
function clauseOf(field: FieldSpec, name: string, op: FilterOperator, value: string, at: number, opAt: number): Clause {
  const bad = (detail: string): never => {
    throw new ParseFailure(detail, at, value.length);
  };
  switch (field.name) {
    case 'param': {
      if (op === '>' || op === '>=' || op === '<' || op === '<=') {
        if (!NUMBER.test(value)) bad(`param.${name}${op} compares numbers; "${value}" is not a number`);
        return { kind: 'param-number', name, op, value: Number(value) };
      }
      return { kind: 'param', name, op: op as StringOp, value };
    }
    case 'header':
      return { kind: 'header', name: name.toLowerCase(), op: op as StringOp, value };
    case 'body':
      return { kind: 'body', value };
    case 'status': {
      const klass = statusClassOf(value);
      if (klass !== null) {
        if (op !== ':' && op !== '=') throw new ParseFailure(`a status class (${value}) takes ":" only, e.g. status:5xx`, opAt, op.length);
        return { kind: 'status-class', klass };
      }
      if (!/^[1-5]\d\d$/.test(value)) bad(`"${value}" is not a status: write a code (200..599) or a class (2xx..5xx)`);
      return { kind: 'status', op: op === ':' ? '=' : (op as CompareOp), value: Number(value) };
    }
    case 'direction': {
      const v = value.toLowerCase();
      if (v !== 'in' && v !== 'out') bad(`direction is "in" or "out", not "${value}"`);
      return { kind: 'direction', value: v as 'in' | 'out' };
    }
    case 'verdict': {
      const v = value.toLowerCase();
      if (!field.values!.includes(v)) bad(`verdict is one of ${field.values!.join(', ')}, not "${value}"`);
      return { kind: 'verdict', op: op === '!=' ? '!=' : '=', value: v as 'pass' | 'fail' | 'none' | 'pending' };
    }
    case 'endpoint':
      return { kind: 'endpoint', op: op === ':' ? '=' : (op as '=' | '!=' | '*='), value };
    case 'method':
      if (!/^[A-Za-z]+$/.test(value)) bad(`"${value}" is not an HTTP method`);
      return { kind: 'method', op: op === '!=' ? '!=' : '=', value: value.toUpperCase() };
    case 'path':
      return { kind: 'path', op: op === ':' ? 'glob' : (op as StringOp), value };
    case 'after':
    case 'before':
      return { kind: field.name, at: parseTime(value) ?? bad(`"${value}" is not a date: write 2026-12-01 or 2026-12-01T10:00 (local), optionally with Z or +02:00`) };
    case 'last': {
      const m = /^(\d+)([smhdw])$/i.exec(value);
      if (!m || Number(m[1]) === 0) bad(`"${value}" is not a duration: write a number and s, m, h, d or w, e.g. last:15m`);
      return { kind: 'last', ms: Number(m![1]) * DURATION_UNITS[m![2]!.toLowerCase()]! };
    }
    case 'id':
      if (!/^\d+$/.test(value)) bad(`"${value}" is not an exchange id`);
      return { kind: 'id', op: op === ':' ? '=' : (op as CompareOp), value: Number(value) };
    default:
      return bad(`${field.name} takes no value`);
  }
}

function parseTime(value: string): TypedTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes: number | null = null;
  const zone = m[7];
  if (zone) {
    if (zone.toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const digits = zone.replace(':', '');
      const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
      if (Number(digits.slice(3, 5)) > 59 || Number(digits.slice(1, 3)) > 14) return null;
      offsetMinutes = zone[0] === '-' ? -minutes : minutes;
    }
  }
  return { year, month, day, hour, minute, second, offsetMinutes };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `4xx` (any case) → 4; null for anything else. */
export function statusClassOf(value: string): number | null {
  const klass = /^([1-5])xx$/i.exec(value);
  return klass ? Number(klass[1]) : null;
}

/** Milliseconds since the epoch for a typed time; local time uses the zone of whoever evaluates it. */
export function typedTimeToEpoch(t: TypedTime): number {
  if (t.offsetMinutes === null) return new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second).getTime();
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - t.offsetMinutes * 60_000;
}
