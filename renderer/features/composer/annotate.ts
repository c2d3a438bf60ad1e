import type { MacroDialect, MacroUse, SendPreview, SendProblem, TemplateSpec } from '../../../src/model/sender';
import { tokenizeWithEnvironment } from '../../../src/sender/environment-variables';
import { MACRO_GRAMMARS, matchName } from '../../../src/shared/macro-grammars';
import { dialectExample, normalizeName } from './template';

/** `{{name}}` is an environment variable (outside the double-curly dialect), not a macro around braces. */
const tokenize = (text: string, dialect: TemplateSpec['dialect']) => tokenizeWithEnvironment(text, dialect, null, '', []);

/** A run of the expanded request: literal text, a filled macro, or a token nothing replaced. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'macro'; text: string; use: MacroUse; state: MacroState }
  | { kind: 'leftover'; text: string; problem: SendProblem }
  /** Not in the template: added when sent (a signature param, for one). */
  | { kind: 'added'; text: string };

/** ok: filled from a value; empty: filled with nothing although required; unknown: no value at all. */
export type MacroState = 'ok' | 'empty' | 'unknown' | 'optional-empty';

export interface AnnotatedHeader {
  name: string;
  value: Segment[];
  /** Added by the sender or the transport (Host, Connection, Content-Length, Idempotency-Key…). */
  added: boolean;
}

export interface Annotated {
  url: Segment[];
  headers: AnnotatedHeader[];
  body: Segment[] | null;
  /** False when the template and the preview could not be lined up: values are shown without marks. */
  aligned: boolean;
}

const segText = (segs: readonly Segment[]) => segs.map((s) => s.text).join('');

function stateOf(use: MacroUse, problems: readonly SendProblem[]): MacroState {
  if (use.source === 'unknown' || use.value === null) return 'unknown';
  if (use.value === '') return problems.some((p) => p.code === 'empty-value' && p.token === use.token) ? 'empty' : 'optional-empty';
  return 'ok';
}

/**
 * Lines the template's text up with the preview's macro uses (they come in template order: URL,
 * each header's name then value, body, success body) to mark every inserted value where it sits.
 */
export function annotate(spec: TemplateSpec, preview: SendPreview): Annotated {
  const uses = preview.macros;
  const problems = preview.problems;
  let next = 0;
  let aligned = true;

  const expand = (text: string): Segment[] => {
    const out: Segment[] = [];
    for (const t of tokenize(text, spec.dialect)) {
      if (t.kind === 'text') {
        out.push({ kind: 'text', text: t.text });
        continue;
      }
      const use = uses[next];
      if (!use || use.token !== t.token) {
        aligned = false;
        out.push({ kind: 'text', text: t.token });
        continue;
      }
      next++;
      out.push({ kind: 'macro', text: use.inserted, use, state: stateOf(use, problems) });
    }
    return out;
  };

  // The URL: the preview drops the fragment, which never leaves the client.
  let url = expand(spec.url);
  const hash = spec.url.indexOf('#') >= 0 ? segText(url).indexOf('#', segText(url).indexOf('://') + 3) : -1;
  if (hash >= 0) url = cut(url, hash);
  const urlText = segText(url).trim();
  if (urlText !== preview.url) {
    if (urlText !== '' && preview.url.startsWith(urlText)) url = [...url, { kind: 'added', text: preview.url.slice(urlText.length) }];
    else {
      aligned = false;
      url = [{ kind: 'text', text: preview.url }];
    }
  }

  const templateHeaders = spec.headers.map(([n, v]) => ({ name: segText(expand(n)).trim(), value: expand(v) }));
  const used = new Set<number>();
  const headers: AnnotatedHeader[] = preview.rawHeaders.map(([name, value]) => {
    const at = templateHeaders.findIndex((h, i) => !used.has(i) && h.name.toLowerCase() === name.toLowerCase() && segText(h.value) === value);
    if (at < 0) return { name, value: [{ kind: 'text', text: value }], added: true };
    used.add(at);
    return { name, value: templateHeaders[at]!.value, added: false };
  });

  let body: Segment[] | null = null;
  if (spec.bodyMode !== 'none') {
    body = expand(spec.body);
    if (preview.bodyText === null || segText(body) !== preview.bodyText) {
      aligned = false;
      body = preview.bodyText === null ? null : [{ kind: 'text', text: preview.bodyText }];
    }
  } else if (preview.bodyText) body = [{ kind: 'text', text: preview.bodyText }];

  // Tokens of another dialect (or carried in by a value) that reached the request as they are.
  const leftovers = problems.filter((p) => p.code === 'unreplaced-macro' && p.token);
  const mark = (segs: Segment[]) => markLeftovers(segs, leftovers);
  return {
    url: mark(url),
    headers: headers.map((h) => ({ ...h, value: mark(h.value) })),
    body: body ? mark(body) : null,
    aligned,
  };
}

/** Keeps the first `length` characters of the segments. */
function cut(segs: Segment[], length: number): Segment[] {
  const out: Segment[] = [];
  let left = length;
  for (const s of segs) {
    if (left <= 0) break;
    if (s.text.length <= left) out.push(s);
    else out.push({ ...s, text: s.text.slice(0, left) } as Segment);
    left -= s.text.length;
  }
  return out;
}

function markLeftovers(segs: Segment[], problems: readonly SendProblem[]): Segment[] {
  if (problems.length === 0) return segs;
  const out: Segment[] = [];
  for (const seg of segs) {
    if (seg.kind !== 'text') {
      out.push(seg);
      continue;
    }
    let rest = seg.text;
    for (;;) {
      let best: { at: number; problem: SendProblem } | null = null;
      for (const p of problems) {
        const at = rest.indexOf(p.token!);
        if (at >= 0 && (!best || at < best.at)) best = { at, problem: p };
      }
      if (!best) break;
      if (best.at > 0) out.push({ kind: 'text', text: rest.slice(0, best.at) });
      out.push({ kind: 'leftover', text: best.problem.token!, problem: best.problem });
      rest = rest.slice(best.at + best.problem.token!.length);
    }
    if (rest) out.push({ kind: 'text', text: rest });
  }
  return out;
}

/** The dialect a leftover token is written in, when it is one (for the "rewrite it" fix). */
export function dialectOfToken(token: string): { dialect: MacroDialect; name: string } | null {
  // Each grammar's distinctive form, in the table's order: `[[x]]` is double-square, not square,
  // and a plain `{x}` is curly although Singular's dialect reads it too.
  for (const grammar of MACRO_GRAMMARS) {
    const match = [...token.matchAll(grammar.found)];
    if (match.length === 1 && match[0]![0] === token) return { dialect: grammar.dialect, name: matchName(match[0]!) };
  }
  return null;
}

/** Replaces every occurrence of `from` in the template's URL, headers, body and success body. */
export function replaceToken(spec: TemplateSpec, from: string, to: string): void {
  const swap = (s: string) => s.split(from).join(to);
  spec.url = swap(spec.url);
  spec.headers = spec.headers.map(([n, v]) => [swap(n), swap(v)]);
  spec.body = swap(spec.body);
  if (spec.success?.body) spec.success.body.value = swap(spec.success.body.value);
}

/** `[CLICKID]` in a curly template → `{clickid}`: the same name in the template's own dialect. */
export function rewriteFor(token: string, dialect: MacroDialect): string | null {
  const found = dialectOfToken(token);
  if (!found) return null;
  const name = found.dialect === 'square' ? found.name.toLowerCase() : found.name;
  return dialectExample(dialect, name);
}

export { normalizeName };
