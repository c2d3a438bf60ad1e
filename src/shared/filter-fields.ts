/**
 * The Inbox filter language's vocabulary: which fields exist, which operators each takes, and the
 * examples the help popover and autocomplete show. Pure data, shared by the parser, the server and
 * the renderer, so the three can never disagree about what a field accepts.
 */

export type FilterOperator = ':' | '=' | '!=' | '*=' | '^=' | '$=' | '>' | '>=' | '<' | '<=';

/** Longest first: the tokenizer takes the first that matches, so `>=` is never read as `>` then `=`. */
export const OPERATORS: readonly FilterOperator[] = ['>=', '<=', '!=', '*=', '^=', '$=', '>', '<', '=', ':'];

/** What a text-valued field (a header) can be asked. */
const STRING_OPERATORS: FilterOperator[] = ['=', '!=', '*=', '^=', '$='];

export interface FieldSpec {
  name: string;
  /** `param.<name>`: the field takes a sub-name after a dot. */
  named: boolean;
  /** Empty: a flag (`dup`) that takes no operator. */
  operators: readonly FilterOperator[];
  /** Named fields only: `param.click_id` alone means "has it". */
  existsAlone?: boolean;
  /** Fixed values, offered by autocomplete and checked by the parser. */
  values?: readonly string[];
  summary: string;
  examples: readonly string[];
}

export const FIELDS: readonly FieldSpec[] = [
  {
    name: 'param',
    named: true,
    operators: ['=', '!=', '*=', '^=', '$=', '>', '>=', '<', '<='],
    existsAlone: true,
    summary: 'A decoded query, form, multipart or top-level JSON field. = is exact (as written); > >= < <= compare numbers; *= ^= $= contain / start / end (any case); alone: has it.',
    examples: ['param.payout>1.5', 'param.click_id=abc', 'param.sub1*=fb', 'param.idfa'],
  },
  {
    name: 'header',
    named: true,
    operators: STRING_OPERATORS,
    existsAlone: true,
    summary: 'A request header by name (any case). = is exact; *= ^= $= contain / start / end (any case).',
    examples: ['header.user-agent*=AppsFlyer', 'header.x-signature'],
  },
  {
    name: 'body',
    named: false,
    operators: ['*='],
    summary: 'Request or response body text contains (any case, anywhere in a word).',
    examples: ['body*=purchase', 'body*="order id"'],
  },
  {
    name: 'status',
    named: false,
    operators: [':', '=', '!=', '>', '>=', '<', '<='],
    summary: 'Response status: a code, a class (5xx) or a comparison.',
    examples: ['status>=400', 'status:5xx', 'status:200'],
  },
  { name: 'direction', named: false, operators: [':', '='], values: ['in', 'out'], summary: 'in: captured by the receiver; out: sent by the Composer.', examples: ['direction:out'] },
  { name: 'verdict', named: false, operators: [':', '=', '!='], values: ['pass', 'fail', 'none', 'pending'], summary: 'The checks’ verdict (pending: not computed yet).', examples: ['verdict:fail'] },
  { name: 'endpoint', named: false, operators: [':', '=', '!=', '*='], summary: 'The mock endpoint that answered, by name (any case) or id.', examples: ['endpoint:AppsFlyer', 'endpoint:3'] },
  { name: 'method', named: false, operators: [':', '=', '!='], values: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], summary: 'HTTP method (any case).', examples: ['method:POST'] },
  {
    name: 'path',
    named: false,
    operators: [':', '=', '!=', '*=', '^=', '$='],
    summary: 'Request path without the query. path: takes a glob (* any characters, ? one); = exact; *= ^= $= contain / start / end.',
    examples: ['path:/webhook/*', 'path*=postback'],
  },
  { name: 'dup', named: false, operators: [], summary: 'A repeat of an already-seen conversion (same correlation key).', examples: ['dup', '-dup'] },
  { name: 'after', named: false, operators: [':'], summary: 'Received at or after a local date/time (add Z or ±hh:mm for another zone).', examples: ['after:2026-12-01T10:00', 'after:2026-12-01'] },
  { name: 'before', named: false, operators: [':'], summary: 'Received before a local date/time.', examples: ['before:2026-12-02'] },
  { name: 'last', named: false, operators: [':'], summary: 'Received in the last N seconds (s), minutes (m), hours (h), days (d) or weeks (w).', examples: ['last:15m', 'last:2h'] },
  { name: 'id', named: false, operators: [':', '=', '!=', '>', '>=', '<', '<='], summary: 'Exchange id.', examples: ['id:123', 'id>1000'] },
];

export const FIELD_BY_NAME: ReadonlyMap<string, FieldSpec> = new Map(FIELDS.map((f) => [f.name, f]));

/** General syntax rows for the help popover (field rows come from FIELDS). */
export const SYNTAX_NOTES: ReadonlyArray<{ example: string; summary: string }> = [
  { example: 'abc-123', summary: 'A bare word finds URLs, bodies, headers and responses holding a word that starts with it.' },
  { example: '"click_id=abc"', summary: 'Quotes search the text as written (use them for words that look like filters).' },
  { example: 'status>=400 method:POST', summary: 'A space means AND: every term must match.' },
  { example: '-verdict:pass', summary: 'A leading - negates a term.' },
];
