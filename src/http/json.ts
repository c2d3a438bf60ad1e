/**
 * A strict RFC 8259 JSON parser that loses nothing a postback comparison needs:
 * - numbers stay SOURCE TEXT (`12345678901234567890` and `1.0` survive; JSON.parse would round
 *   the first and turn the second into `1`);
 * - object members stay a list, in order, duplicates included;
 * - every node keeps its [start, end) offsets, so the raw text of any value can be shown.
 * Nesting is capped: a hostile `[[[[…` body must fail cleanly, not overflow the stack.
 */

interface Span {
  start: number;
  end: number;
}

export interface JsonMember {
  key: string;
  /** The key exactly as written, quotes included. */
  keyRaw: string;
  value: JsonNode;
}

export type JsonNode =
  | (Span & { type: 'object'; members: JsonMember[] })
  | (Span & { type: 'array'; items: JsonNode[] })
  | (Span & { type: 'string'; value: string })
  | (Span & { type: 'number'; raw: string })
  | (Span & { type: 'boolean'; value: boolean })
  | (Span & { type: 'null' });

export class JsonParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'JsonParseError';
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** Characters a JSON string holds as they are: not the quote, not the backslash, no control character. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJson(text: string, maxDepth = 512): JsonNode {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a UTF-8 BOM is not content
  const fail = (msg: string): never => {
    const atEnd = i >= text.length && !msg.startsWith('unexpected end');
    throw new JsonParseError(atEnd ? `unexpected end of input, ${msg}` : msg, i);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };

  const str = (): string => {
    i++; // opening quote
    let out = '';
    let from = i;
    for (;;) {
      // Runs of plain characters are skipped in one native scan: bodies carry long strings.
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.test(text);
      i = PLAIN_RUN.lastIndex;
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in string');
      out += text.slice(from, i);
      const e = text[i + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
        out += String.fromCharCode(Number.parseInt(hex, 16)); // surrogate pairs join by concatenation
        i += 6;
      } else {
        const mapped = ESCAPES[e];
        if (mapped === undefined) fail('bad escape');
        out += mapped;
        i += 2;
      }
      from = i;
    }
    out += text.slice(from, i);
    i++; // closing quote
    return out;
  };

  const value = (depth: number): JsonNode => {
    if (depth > maxDepth) fail('nesting too deep');
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      ws();
      if (text[i] === '}') return { type: 'object', start, end: ++i, members };
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected string key');
        const keyStart = i;
        const key = str();
        const keyRaw = text.slice(keyStart, i);
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        members.push({ key, keyRaw, value: value(depth + 1) });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return { type: 'object', start, end: ++i, members };
        else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') return { type: 'array', start, end: ++i, items };
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return { type: 'array', start, end: ++i, items };
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') {
      const v = str();
      return { type: 'string', start, end: i, value: v };
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fail('bad number');
      i += m[0].length;
      return { type: 'number', start, end: i, raw: m[0] };
    }
    for (const [word, node] of [
      ['true', { type: 'boolean', value: true }],
      ['false', { type: 'boolean', value: false }],
      ['null', { type: 'null' }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { ...node, start, end: i };
      }
    }
    return fail(i >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  };

  const root = value(0);
  ws();
  if (i < text.length) fail('unexpected content after the JSON value');
  return root;
}

/** Source text of a node. */
export function rawOf(text: string, node: JsonNode): string {
  return text.slice(node.start, node.end);
}

/**
 * A value as the text a rule, a check or the params index compares: strings decoded, numbers
 * exactly as written (`12345678901234567890` stays itself), `true`/`false`/`null`, and objects or
 * arrays as compact JSON with their numbers as written too.
 */
export function valueText(node: JsonNode): string {
  switch (node.type) {
    case 'string':
      return node.value;
    case 'number':
      return node.raw;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return `[${node.items.map((item) => (item.type === 'string' ? JSON.stringify(item.value) : valueText(item))).join(',')}]`;
    case 'object':
      return `{${node.members.map((m) => `${JSON.stringify(m.key)}:${m.value.type === 'string' ? JSON.stringify(m.value.value) : valueText(m.value)}`).join(',')}}`;
  }
}

/**
 * The node at a path of keys (array items by index). A duplicated key reads as its LAST
 * occurrence, as JSON.parse and the servers that postbacks go to read it.
 */
export function nodeAt(root: JsonNode, path: readonly string[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const key of path) {
    if (node.type === 'object') node = node.members.findLast((m) => m.key === key)?.value;
    else if (node.type === 'array') node = /^\d+$/.test(key) ? node.items[Number(key)] : undefined;
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** Every scalar leaf with its path, in document order, at most `max` of them (bodies can be huge). */
export function scalarLeaves(root: JsonNode, max = Infinity): Array<{ path: string[]; node: JsonNode }> {
  const out: Array<{ path: string[]; node: JsonNode }> = [];
  const walk = (node: JsonNode, path: string[]): void => {
    if (out.length >= max) return;
    if (node.type === 'object') for (const m of node.members) walk(m.value, [...path, m.key]);
    else if (node.type === 'array') node.items.forEach((item, i) => walk(item, [...path, String(i)]));
    else if (path.length > 0) out.push({ path, node });
  };
  walk(root, []);
  return out;
}

/**
 * Exact numeric equality of two JSON number literals without floating point: `1.0`, `1`, `1e0`
 * and `10E-1` are equal; `12345678901234567890` and `12345678901234567891` are not. Used only to
 * annotate a (still counted) change, never to hide one.
 */
export function numbersEqual(a: string, b: string): boolean {
  return canonicalNumber(a) === canonicalNumber(b);
}

function canonicalNumber(raw: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(raw);
  if (!m) return raw;
  const frac = m[3] ?? '';
  let digits = (m[2] ?? '') + frac;
  let exp = BigInt(m[4] ?? '0') - BigInt(frac.length);
  digits = digits.replace(/^0+/, '');
  if (digits === '') return '0'; // -0 == 0
  const trimmed = digits.replace(/0+$/, '');
  exp += BigInt(digits.length - trimmed.length);
  return `${m[1]}${trimmed}e${exp}`;
}
