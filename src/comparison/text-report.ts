/**
 * Plain-text report for the terminal (the CLI's default output): the verdict and summary, then
 * one line per difference. Noise (order, casing, encoding-only, volatile, ignored) is listed
 * but marked, like everywhere else; unchanged items are left out.
 */
import type { ExchangeDiff, HeaderDiffEntry, JsonDiffEntry, ParamValue, QueryDiffEntry } from '../diff/index.js';

const MAX_VALUE = 80;

export function diffToText(diff: ExchangeDiff): string {
  const out = [`${diff.identical ? 'Identical' : 'Different'}: ${diff.summary}`];
  if (diff.method.changed) out.push(line('~', 'method', '', quote(diff.method.left), quote(diff.method.right), diff.method.counted));
  if (diff.path.kind !== 'unchanged') out.push(line('~', 'path', '', quote(diff.path.left), quote(diff.path.right), diff.path.counted, diff.path.kind === 'encoding-only' ? 'encoding only' : ''));
  out.push(...diff.query.flatMap((e) => paramLine('query', e)));
  out.push(...diff.headers.flatMap(headerLine));
  const body = diff.body;
  switch (body.kind) {
    case 'json':
      out.push(...body.entries.map(jsonLine));
      break;
    case 'form':
      out.push(...body.entries.flatMap((e) => paramLine('form', e)));
      break;
    case 'text':
      if (body.linesAdded || body.linesRemoved) out.push(`  ~ body     +${body.linesAdded} -${body.linesRemoved} lines${body.ignored ? ' (ignored)' : ''}`);
      break;
    case 'binary':
      if (!body.bytesEqual) out.push(`  ~ body     ${body.left.size} B sha256:${body.left.sha256.slice(0, 12)} → ${body.right.size} B sha256:${body.right.sha256.slice(0, 12)}`);
      break;
    case 'empty':
      break;
  }
  out.push(...body.notes.map((n) => `  note: ${n}`));
  return `${out.join('\n')}\n`;
}

const MARK: Record<string, string> = { added: '+', removed: '-', changed: '~', 'encoding-only': '≈', order: '↕', casing: 'Aa', moved: '→' };

function line(mark: string, where: string, name: string, left: string, right: string, counted: boolean, note = ''): string {
  const notes = [note, counted ? '' : 'not counted'].filter(Boolean).join(', ');
  const change = left && right ? `${left} → ${right}` : left || right;
  return `  ${mark} ${where.padEnd(8)} ${name}${name ? ': ' : ''}${change}${notes ? `  (${notes})` : ''}`;
}

function paramLine(where: string, e: QueryDiffEntry): string[] {
  if (e.kind === 'unchanged') return [];
  if (e.kind === 'order') return [line('↕', where, 'order', e.left.join(','), e.right.join(','), e.counted)];
  const note = [e.ignored ? 'ignored' : '', e.duplicate ? 'duplicate name' : ''].filter(Boolean).join(', ');
  return [line(MARK[e.kind] ?? '?', where, e.name, raw(e.left), raw(e.right), e.counted, note)];
}

function headerLine(e: HeaderDiffEntry): string[] {
  if (e.kind === 'unchanged') return [];
  if (e.kind === 'order') return [line('↕', 'header', 'order', e.left.join(','), e.right.join(','), e.counted)];
  const note = [e.ignored ? 'ignored' : '', e.volatile ? 'volatile' : '', e.casing ? 'name casing' : ''].filter(Boolean).join(', ');
  const name = e.left?.name ?? e.right?.name ?? e.name;
  const left = e.left ? quote(e.left.value) : '';
  const right = e.right ? quote(e.right.value) : '';
  return [line(MARK[e.kind] ?? '?', 'header', name, left, right, e.counted, note)];
}

function jsonLine(e: JsonDiffEntry): string {
  const name = e.rightPath ? `${e.path} → ${e.rightPath}` : e.path;
  const note = [e.ignored ? 'ignored' : '', e.note ?? ''].filter(Boolean).join(', ');
  return line(MARK[e.kind] ?? '?', 'body', name, e.left === null ? '' : cut(e.left), e.right === null ? '' : cut(e.right), e.counted, note);
}

function raw(v: ParamValue | null): string {
  if (!v) return '';
  if (v.rawValue === null) return '(no =)';
  return v.rawValue === v.value ? quote(v.value) : `${quote(v.rawValue)} = ${quote(v.value)}`;
}

const quote = (s: string): string => JSON.stringify(cut(s));
const cut = (s: string): string => (s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s);
