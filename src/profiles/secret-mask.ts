/**
 * The one masking function: every path that shows a canonical string, a signing input, a send
 * note, a verdict or a report runs its text through a SecretMask before it leaves the process
 * or reaches the store. It works from the secret's bytes (see secret-spellings.ts) and matches
 * each character in the escaped forms text picks up on the way out, so a secret is found as
 * sent in a URL (`%0A`/`%0a`, `+` for space), in HTML (`&amp;`), in JSON (`\u0000`) or in CSV (`""`).
 */
import { MIN_SPELLING_LENGTH, secretSpellings, type SecretSource } from './secret-spellings.js';

export type { SecretSource } from './secret-spellings.js';
export type SecretMask = (text: string) => string;

export const noMask: SecretMask = (text) => text;

const BULLETS = '••••';

/**
 * `••••1a2b`: enough to tell two secrets apart, not enough to use one. Short secrets show
 * nothing, since four characters of an eight-character secret is half of it.
 */
export function maskSecret(value: string): string {
  const text = value.trim();
  if (/PRIVATE KEY|^\{/.test(text)) return `${BULLETS} (private key)`;
  return text.length >= 12 ? BULLETS + text.slice(-4) : BULLETS;
}

/** One pattern per secret; the spellings' bytes never change, so patterns are reused across calls. */
const compiled = new Map<string, RegExp | null>();
const CACHE_LIMIT = 64;

export function secretMask(sources: readonly SecretSource[]): SecretMask {
  const rules = sources.flatMap((source) => {
    const pattern = patternFor(source);
    // Every spelling of one secret is replaced by the same label: the one the profile list shows.
    return pattern ? [{ pattern, label: maskSecret(source.text) }] : [];
  });
  if (rules.length === 0) return noMask;
  return (text) => rules.reduce((out, rule) => out.replace(rule.pattern, () => rule.label), text);
}

/** Masks every string inside a JSON-like value (a verdict, a preview); other values pass through. */
export function maskDeep<T>(value: T, mask: SecretMask): T {
  if (mask === noMask) return value;
  return walk(value, mask) as T;
}

function walk(value: unknown, mask: SecretMask): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, mask));
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, mask)]));
}

function patternFor(source: SecretSource): RegExp | null {
  const key = `${source.text}\u0000${source.bytes?.toString('hex') ?? ''}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const spellings = secretSpellings(source);
  // Longest first, so a spelling that contains another is masked whole.
  const pattern = spellings.length === 0 ? null : new RegExp(spellings.map(spellingPattern).join('|'), 'gu');
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, pattern);
  return pattern;
}

function spellingPattern(spelling: string): string {
  return Array.from(spelling, charPattern).join('');
}

/** A character as itself or as any escape that carries it (percent, `+` form, HTML, JSON, CSV). */
function charPattern(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const alternatives = new Set<string>([literal(cp)]);
  // Percent-encoded: the byte itself when it is one (a latin1 binary string), and its UTF-8 bytes.
  if (cp <= 0xff) alternatives.add(percent(cp));
  if (cp >= 0x80) alternatives.add([...Buffer.from(ch, 'utf8')].map(percent).join(''));
  // application/x-www-form-urlencoded: space is '+', and an unescaped '+' reads back as a space.
  if (ch === ' ') alternatives.add('\\+');
  if (ch === '+') alternatives.add(' ');
  for (const escaped of ESCAPES[ch] ?? []) alternatives.add(Array.from(escaped, (c) => literal(c.codePointAt(0)!)).join(''));
  if (cp < 0x20) alternatives.add(`\\\\u00${hexDigits(cp)}`);
  return alternatives.size === 1 ? literal(cp) : `(?:${[...alternatives].join('|')})`;
}

/** HTML entities the report's esc() writes, JSON's short escapes, CSV's doubled quote. */
const ESCAPES: Record<string, string[]> = {
  '&': ['&amp;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
  '"': ['&quot;', '&#34;', '\\"', '""'],
  "'": ['&#39;', '&#x27;'],
  '\\': ['\\\\'],
  '\b': ['\\b'],
  '\t': ['\\t'],
  '\n': ['\\n'],
  '\f': ['\\f'],
  '\r': ['\\r'],
};

function literal(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** `%0a` or `%0A`: senders differ in the case of their hex digits. */
function percent(byte: number): string {
  return `%${hexDigits(byte)}`;
}

function hexDigits(byte: number): string {
  return Array.from(byte.toString(16).padStart(2, '0'), (d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}
