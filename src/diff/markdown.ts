/**
 * Renders a comparison as GitHub-flavoured Markdown for a bug report: differences first, noise
 * labelled as such, unchanged items and volatile headers collapsed to one line each so the
 * report stays readable when pasted into a tracker.
 */
import { summarizeBody } from './summary.js';
import type {
  BodyDiff,
  ExchangeDiff,
  HeaderDiffEntry,
  HeaderEntry,
  JsonDiffEntry,
  OrderEntry,
  ParamValue,
  QueryDiffEntry,
  TextHunk,
} from './types.js';

const MAX_CELL = 120;
const CONTEXT_LINES = 3;
const MAX_DIFF_LINES = 200;
const COLUMNS = ['', 'Name', 'Left', 'Right', 'Note'];

type Kind = QueryDiffEntry['kind'] | HeaderDiffEntry['kind'] | JsonDiffEntry['kind'];
const MARK: Record<Kind, string> = {
  added: '+',
  removed: '-',
  changed: '~',
  'encoding-only': '≈',
  order: '↕',
  casing: 'Aa',
  moved: '→',
  unchanged: '',
};

export function diffToMarkdown(diff: ExchangeDiff): string {
  const verdict = diff.identical ? 'Identical' : 'Different';
  const out: string[] = ['### Postback diff', '', `**${verdict}:** ${diff.summary}`, ''];
  const { method, path } = diff;
  if (method.changed || path.kind !== 'unchanged') {
    const encodingOnly = path.kind === 'encoding-only' && !method.changed ? ' (path encoding only, not counted)' : '';
    const from = code(`${method.left} ${path.left}`);
    const to = code(`${method.right} ${path.right}`);
    out.push(`**Request line:** ${from} → ${to}${encodingOnly}`, '');
  }
  out.push(...paramSection('Query parameters', diff.query, 'param'));
  out.push(...headerSection(diff.headers));
  out.push(...bodySection(diff.body));
  return `${out.join('\n').trimEnd()}\n`;
}

function orderRow(e: OrderEntry): string[] {
  const note = e.counted ? 'counted' : 'noise, not counted';
  return [MARK.order, '_order_', code(e.left.join(', ')), code(e.right.join(', ')), note];
}

function paramSection(title: string, entries: readonly QueryDiffEntry[], noun: string): string[] {
  const shown = entries.filter((e) => e.kind !== 'unchanged');
  const unchanged = entries.length - shown.length;
  const lines = [`#### ${title}`, ''];
  if (shown.length === 0) {
    lines.push(entries.length ? `_All ${unchanged} ${noun}s identical._` : `_No ${noun}s._`, '');
    return lines;
  }
  const rows = shown.map((e) => {
    if (e.kind === 'order') return orderRow(e);
    const note = [e.duplicate ? 'duplicate name' : '', status(e.kind, e.counted, e.ignored)];
    return [MARK[e.kind], code(e.name), paramCell(e.left), paramCell(e.right), joinNotes(note)];
  });
  lines.push(...table(COLUMNS, rows));
  if (unchanged) lines.push('', `_${unchanged} unchanged ${noun}${unchanged === 1 ? '' : 's'} not shown._`);
  lines.push('');
  return lines;
}

function headerSection(entries: readonly HeaderDiffEntry[]): string[] {
  // Volatile noise would drown the real differences: one line names them instead of a row each.
  const volatileNoise = entries.filter(
    (e): e is HeaderEntry => e.kind !== 'order' && e.volatile && !e.counted && !e.ignored && e.kind !== 'unchanged',
  );
  const hidden = new Set<HeaderDiffEntry>(volatileNoise);
  const shown = entries.filter((e) => e.kind !== 'unchanged' && !hidden.has(e));
  const lines = ['#### Headers', ''];
  if (shown.length === 0) lines.push('_Headers identical._');
  const rows = shown.map((e) => {
    if (e.kind === 'order') return orderRow(e);
    const note = [e.casing ? 'name casing differs' : '', e.volatile ? 'volatile' : ''];
    note.push(status(e.kind, e.counted, e.ignored));
    const name = code(e.left?.name ?? e.right?.name ?? e.name);
    return [MARK[e.kind], name, e.left ? code(e.left.value) : '', e.right ? code(e.right.value) : '', joinNotes(note)];
  });
  if (rows.length) lines.push(...table(COLUMNS, rows));
  if (volatileNoise.length) {
    const names = [...new Set(volatileNoise.map((e) => e.name))].map(code).join(', ');
    lines.push('', `_Volatile headers differ (not counted): ${names}._`);
  }
  lines.push('');
  return lines;
}

function bodySection(body: BodyDiff): string[] {
  const kinds = body.leftKind === body.rightKind ? body.leftKind : `${body.leftKind} → ${body.rightKind}`;
  const lines = [`#### Body (${kinds})`, '', `_${summarizeBody(body)}._`, ''];
  switch (body.kind) {
    case 'json': {
      const rows = body.entries.map(jsonRow);
      if (rows.length) lines.push(...table(['', 'Path', 'Left', 'Right', 'Note'], rows), '');
      break;
    }
    case 'form':
      lines.push(...paramSection('Form fields', body.entries, 'field').slice(2));
      break;
    case 'text':
      if (!body.identical || !body.bytesEqual) lines.push(...textBlock(body.hunks), '');
      break;
    case 'binary':
      lines.push(
        ...table(
          ['', 'Size', 'SHA-256'],
          [
            ['Left', `${body.left.size} B`, code(body.left.sha256)],
            ['Right', `${body.right.size} B`, code(body.right.sha256)],
          ],
        ),
        '',
      );
      if (body.firstDifference) {
        const d = body.firstDifference;
        const left = `left:  ${d.left || '(end)'}`;
        const right = `right: ${d.right || '(end)'}`;
        const where = `First difference at offset ${d.offset} (0x${d.offset.toString(16)}):`;
        lines.push(where, '', '```', left, right, '```', '');
      }
      break;
    case 'empty':
      break;
  }
  for (const note of body.notes) lines.push(`- ${note}`);
  return lines;
}

function jsonRow(e: JsonDiffEntry): string[] {
  const path = e.rightPath ? `${code(e.path)} → ${code(e.rightPath)}` : code(e.path);
  const note = joinNotes([e.note ?? '', status(e.kind, e.counted, e.ignored)]);
  return [MARK[e.kind], path, e.left === null ? '' : code(e.left), e.right === null ? '' : code(e.right), note];
}

/** Unified-diff style lines with a few lines of context; long unchanged runs are elided. */
function textBlock(hunks: readonly TextHunk[]): string[] {
  const body: string[] = [];
  hunks.forEach((h, k) => {
    if (h.kind !== 'unchanged') {
      for (const line of h.lines) body.push(`${h.kind === 'added' ? '+' : '-'}${line}`);
      return;
    }
    const keepHead = k > 0 ? CONTEXT_LINES : 0;
    const keepTail = k < hunks.length - 1 ? CONTEXT_LINES : 0;
    if (h.lines.length <= keepHead + keepTail + 1) for (const line of h.lines) body.push(` ${line}`);
    else {
      for (const line of h.lines.slice(0, keepHead)) body.push(` ${line}`);
      body.push(`@@ ${h.lines.length - keepHead - keepTail} unchanged lines @@`);
      for (const line of h.lines.slice(h.lines.length - keepTail)) body.push(` ${line}`);
    }
  });
  if (body.length > MAX_DIFF_LINES) {
    body.splice(MAX_DIFF_LINES, body.length, `@@ ${body.length - MAX_DIFF_LINES} more lines @@`);
  }
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body.join('\n')) + 1));
  return [`${fence}diff`, ...body, fence];
}

const joinNotes = (notes: string[]): string => notes.filter(Boolean).join('; ');

function status(kind: string, counted: boolean, ignored: boolean): string {
  if (ignored) return 'ignored';
  if (!counted && kind !== 'unchanged') return kind === 'encoding-only' ? 'encoding only, not counted' : 'not counted';
  return '';
}

function paramCell(v: ParamValue | null): string {
  if (!v) return '';
  if (v.rawValue === null) return `${code(v.rawName)} _(no '=')_`;
  return v.value === v.rawValue ? code(v.rawValue) : `${code(v.rawValue)} = ${code(v.value)}`;
}

function table(head: string[], rows: string[][]): string[] {
  const line = (cells: string[]): string => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)];
}

/**
 * Inline code that is safe inside a table cell: truncated, newlines made visible, pipes escaped,
 * and a fence longer than any backtick run in the value.
 */
export function code(value: string): string {
  if (value === '') return '_(empty)_';
  let v = value.length > MAX_CELL ? `${value.slice(0, MAX_CELL)}…` : value;
  v = v.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestBacktickRun(v) + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || v.startsWith(' ') || v.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

function longestBacktickRun(s: string): number {
  return Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
}
