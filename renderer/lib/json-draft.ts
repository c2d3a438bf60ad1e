import type { FieldError } from '../../src/model/endpoint';

/*
 * Helpers for any definition edited both as a form and as JSON (endpoints, profiles, scheme
 * options): parse with a located message, compare ignoring key order, map server field paths
 * to JSON lines. Nothing here knows an endpoint from a profile.
 */

/** JSON with sorted keys: two definitions that differ only in key order are the same. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Parses the JSON tab's text; the message says where it broke. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    if (at) {
      const pos = Number(at[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      return { ok: false, message: `${message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${col})` };
    }
    return { ok: false, message };
  }
}

/** `rules[0].conditions[1].value` → `rules[0].conditions[1]` → `rules[0].conditions` → … */
export function parentField(field: string): string | null {
  const m = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(field);
  return m && m[1] ? m[1] : null;
}

/** Errors whose field lies under `prefix` (the prefix itself included). */
export function isUnder(field: string, prefix: string): boolean {
  return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
}

export function errorsByField(errors: readonly FieldError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of errors) map.set(e.field, map.has(e.field) ? `${map.get(e.field)}; ${e.message}` : e.message);
  return map;
}

/**
 * Pretty JSON exactly as JSON.stringify(value, null, 2) writes it, plus the line each field path
 * starts on, so an error such as `rules[0].conditions[1].value` can point at its line.
 */
export function jsonLines(value: unknown): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  const walk = (v: unknown, path: string, indent: string): void => {
    lines.set(path, line);
    if (Array.isArray(v)) {
      if (v.length === 0) return;
      v.forEach((item, i) => {
        line++;
        walk(item === undefined ? null : item, `${path}[${i}]`, `${indent}  `);
      });
      line++;
      return;
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
      if (entries.length === 0) return;
      for (const [key, x] of entries) {
        line++;
        walk(x, path ? `${path}.${key}` : key, `${indent}  `);
      }
      line++;
    }
  };
  walk(value, '', '');
  return lines;
}

/** Nearest line for a field path, walking up to a parent the JSON has. */
export function lineForField(lines: Map<string, number>, field: string): number | null {
  let f: string | null = field;
  while (f) {
    const at = lines.get(f);
    if (at !== undefined) return at;
    f = parentField(f);
  }
  return null;
}
