/**
 * Expected conversions from a partner's or our own export: CSV (header row; comma, semicolon or
 * tab; RFC 4180 quotes) or JSON (an array of objects, or { conversions: [...] }). Columns are
 * recognised by name without case or separators. Lines that cannot be read are skipped and named.
 */
import type { ExpectedConversion } from '../model/metrics.js';
import { normalize, parseAmount, parseTime } from './extract.js';
import { CORRELATION_ID_NAMES, CURRENCY_NAMES, EVENT_NAMES, normalizedNames, TIME_NAMES, VALUE_NAMES } from '../http/names.js';

const COLUMNS: Record<keyof ExpectedConversion, string[]> = {
  key: ['key', 'correlation', 'correlationkey', ...normalizedNames(CORRELATION_ID_NAMES), 'id'],
  event: normalizedNames(EVENT_NAMES),
  value: normalizedNames(VALUE_NAMES),
  currency: normalizedNames(CURRENCY_NAMES),
  conversionAt: [...normalizedNames(TIME_NAMES), 'conversionat', 'time', 'date'],
};

export interface ParsedExpected {
  rows: Array<ExpectedConversion & { line: number }>;
  skipped: Array<{ line: number; message: string }>;
}

export const MAX_EXPECTED_ROWS = 1_000_000;

export function parseExpected(text: string, format: 'csv' | 'json' | 'auto' = 'auto'): ParsedExpected {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const isJson = format === 'json' || (format === 'auto' && (trimmed.startsWith('[') || trimmed.startsWith('{')));
  return isJson ? fromJson(trimmed) : fromCsv(trimmed);
}

function columnOf(name: string): keyof ExpectedConversion | null {
  const n = normalize(name);
  for (const [field, names] of Object.entries(COLUMNS)) if (names.includes(n)) return field as keyof ExpectedConversion;
  return null;
}

function toConversion(record: Record<string, unknown>, line: number, out: ParsedExpected): void {
  const fields: Partial<Record<keyof ExpectedConversion, string>> = {};
  for (const [name, raw] of Object.entries(record)) {
    const field = columnOf(name);
    if (field && fields[field] === undefined && raw !== null && raw !== undefined && String(raw).trim() !== '') fields[field] = String(raw).trim();
  }
  if (!fields.key) return void out.skipped.push({ line, message: 'no correlation key (a key / click_id / transaction_id column)' });
  const value = fields.value === undefined ? null : parseAmount(fields.value);
  if (fields.value !== undefined && value === null) return void out.skipped.push({ line, message: `value "${fields.value}" is not a number` });
  const conversionAt = fields.conversionAt === undefined ? null : parseTime(fields.conversionAt);
  if (fields.conversionAt !== undefined && conversionAt === null) return void out.skipped.push({ line, message: `conversion time "${fields.conversionAt}" is not a unix time or an ISO date` });
  if (out.rows.length >= MAX_EXPECTED_ROWS) return void out.skipped.push({ line, message: `more than ${MAX_EXPECTED_ROWS} rows` });
  out.rows.push({ line, key: fields.key, event: fields.event ? fields.event.toLowerCase() : null, value, currency: fields.currency ? fields.currency.toUpperCase() : null, conversionAt });
}

function fromJson(text: string): ParsedExpected {
  const out: ParsedExpected = { rows: [], skipped: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`the JSON does not parse: ${(error as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { conversions?: unknown })?.conversions;
  if (!Array.isArray(list)) throw new Error('JSON must be an array of conversions, or { "conversions": [...] }');
  list.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) out.skipped.push({ line: i + 1, message: 'not an object' });
    else toConversion(item as Record<string, unknown>, i + 1, out);
  });
  return out;
}

function fromCsv(text: string): ParsedExpected {
  const out: ParsedExpected = { rows: [], skipped: [] };
  if (text === '') return out;
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const records = csvRecords(text, delimiter);
  const header = records.shift();
  if (!header || !header.fields.some((h) => columnOf(h) === 'key')) {
    throw new Error('the CSV needs a header row with a key column (key, correlation, click_id or transaction_id)');
  }
  for (const { fields, line } of records) {
    if (fields.length === 1 && fields[0] === '') continue;
    const record: Record<string, string> = {};
    header.fields.forEach((name, i) => (record[name] = fields[i] ?? ''));
    toConversion(record, line, out);
  }
  return out;
}

/** RFC 4180 records with the line each starts on (a quoted field may span lines). */
export function csvRecords(text: string, delimiter: string): Array<{ fields: string[]; line: number }> {
  const records: Array<{ fields: string[]; line: number }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) fields.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ fields, line: start });
      fields = [];
      field = '';
      start = ++line;
    } else field += c;
  }
  fields.push(field);
  records.push({ fields, line: start });
  return records;
}
