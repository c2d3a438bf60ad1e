import type { SkanConversionSchema, SkanFineBits, SkanFineTable } from '../model/skan-conversion.js';

/**
 * The conversion-value schema as the profile editor types it (pure, shared with the renderer): a table as `from[-to] label` lines, bit
 * flags as `bit label` lines, bucket labels one a line. Lines that do not read are reported by
 * line and left out; the server is the judge of coverage and overlaps.
 */

export interface Parsed<T> {
  value: T;
  /** `line 3: …` */
  problems: string[];
}

const lines = (text: string) => text.split('\n').map((l, i) => ({ line: i + 1, text: l.trim() })).filter((l) => l.text !== '');

export function parseTableText(text: string): Parsed<SkanFineTable['entries']> {
  const value: SkanFineTable['entries'] = [];
  const problems: string[] = [];
  for (const { line, text: l } of lines(text)) {
    const m = /^(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s+(.+)$/.exec(l);
    if (!m) problems.push(`line ${line}: write "from-to label" or "value label", e.g. 1-20 registered`);
    else value.push({ from: Number(m[1]), to: Number(m[2] ?? m[1]), label: m[3]!.trim() });
  }
  return { value, problems };
}

export function tableText(entries: SkanFineTable['entries']): string {
  return entries.map((e) => `${e.from === e.to ? e.from : `${e.from}-${e.to}`} ${e.label}`).join('\n');
}

export function parseFlagsText(text: string): Parsed<SkanFineBits['events']> {
  const value: SkanFineBits['events'] = [];
  const problems: string[] = [];
  for (const { line, text: l } of lines(text)) {
    const m = /^(\d)\s+(.+)$/.exec(l);
    if (!m) problems.push(`line ${line}: write "bit label", e.g. 3 registration`);
    else value.push({ bit: Number(m[1]), label: m[2]!.trim() });
  }
  return { value, problems };
}

export function flagsText(events: SkanFineBits['events']): string {
  return events.map((e) => `${e.bit} ${e.label}`).join('\n');
}

/** What a fresh schema of each kind starts with: the common 3 revenue bits + 3 event flags. */
export function blankFine(kind: 'bits' | 'table'): NonNullable<SkanConversionSchema['fine']> {
  if (kind === 'table') return { kind, entries: [{ from: 0, to: 63, label: 'any conversion' }] };
  return { kind, revenue: { lowBit: 0, width: 3, buckets: ['$0', '$0.01–1', '$1–5', '$5–10', '$10–20', '$20–50', '$50–100', '$100+'] }, events: [] };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the form can draw this value (JSON edits may hold anything until saved). */
export function sourcesAndSkanShapeProblem(v: Record<string, unknown>): string | null {
  const sources = v['allowedSources'];
  if (sources !== undefined && !(Array.isArray(sources) && sources.every((s) => typeof s === 'string'))) return 'allowedSources is not a list of strings';
  const skan = v['skanConversion'];
  if (skan === undefined) return null;
  if (!isObj(skan)) return 'skanConversion is not an object';
  const fine = skan['fine'];
  if (fine !== undefined) {
    if (!isObj(fine) || (fine['kind'] !== 'bits' && fine['kind'] !== 'table')) return 'skanConversion.fine.kind is neither "bits" nor "table"';
    if (fine['kind'] === 'table' && !(Array.isArray(fine['entries']) && fine['entries'].every((e) => isObj(e) && typeof e['from'] === 'number' && typeof e['to'] === 'number' && typeof e['label'] === 'string'))) {
      return 'skanConversion.fine.entries is not a list of { from, to, label }';
    }
    if (fine['kind'] === 'bits') {
      if (!(Array.isArray(fine['events']) && fine['events'].every((e) => isObj(e) && typeof e['bit'] === 'number' && typeof e['label'] === 'string'))) return 'skanConversion.fine.events is not a list of { bit, label }';
      const r = fine['revenue'];
      if (r !== undefined && !(isObj(r) && typeof r['lowBit'] === 'number' && typeof r['width'] === 'number' && Array.isArray(r['buckets']) && r['buckets'].every((b) => typeof b === 'string'))) {
        return 'skanConversion.fine.revenue needs lowBit, width and buckets';
      }
    }
  }
  const coarse = skan['coarse'];
  if (coarse !== undefined && !(isObj(coarse) && ['low', 'medium', 'high'].every((k) => coarse[k] === undefined || typeof coarse[k] === 'string'))) return 'skanConversion.coarse labels are not strings';
  return null;
}
