import type { FieldError } from '../model/endpoint.js';
import type { SkanConversionSchema, SkanFineBits, SkanFineTable } from '../model/skan-conversion.js';

/**
 * A conversion-value schema must give every fine value exactly one meaning: a table covers 0–63
 * without gaps or overlaps; bit fields stay inside the 6 bits and do not share a bit.
 */
export function skanSchemaErrors(schema: SkanConversionSchema | undefined): FieldError[] {
  const fine = schema?.fine;
  if (!fine) return [];
  return fine.kind === 'table' ? tableErrors(fine, 'skanConversion.fine') : bitsErrors(fine, 'skanConversion.fine');
}

function tableErrors(table: SkanFineTable, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const owner = new Array<number | null>(64).fill(null);
  table.entries.forEach((entry, i) => {
    if (entry.from > entry.to) return errors.push({ field: `${at}.entries[${i}].from`, message: `from ${entry.from} is greater than to ${entry.to}` });
    const clash = new Set<number>();
    for (let v = entry.from; v <= entry.to; v++) {
      const before = owner[v];
      if (before !== null && before !== undefined) clash.add(before);
      else owner[v] = i;
    }
    if (clash.size) errors.push({ field: `${at}.entries[${i}]`, message: `${entry.from}–${entry.to} overlaps entr${clash.size > 1 ? 'ies' : 'y'} ${[...clash].map((c) => c + 1).join(', ')}` });
    return undefined;
  });
  const gaps = ranges(owner.map((o, v) => (o === null ? v : -1)).filter((v) => v >= 0));
  if (gaps.length) errors.push({ field: `${at}.entries`, message: `the table must cover 0–63; not covered: ${gaps.join(', ')}` });
  return errors;
}

/** `[1, 2, 3, 7]` → `['1–3', '7']` */
function ranges(values: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    out.push(i === j ? String(values[i]) : `${values[i]}–${values[j]}`);
    i = j + 1;
  }
  return out;
}

function bitsErrors(bits: SkanFineBits, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const owner = new Map<number, string>();
  if (bits.revenue) {
    const { lowBit, width, buckets } = bits.revenue;
    if (lowBit + width > 6) errors.push({ field: `${at}.revenue.width`, message: `bits ${lowBit}–${lowBit + width - 1} do not fit in the 6 bits of a conversion value (0–5)` });
    else for (let b = lowBit; b < lowBit + width; b++) owner.set(b, 'the revenue bucket');
    if (buckets.length !== 2 ** width) errors.push({ field: `${at}.revenue.buckets`, message: `${width} bit${width > 1 ? 's' : ''} make ${2 ** width} buckets: give ${2 ** width} labels (${buckets.length} given)` });
  }
  bits.events.forEach((flag, i) => {
    const taken = owner.get(flag.bit);
    if (taken) errors.push({ field: `${at}.events[${i}].bit`, message: `bit ${flag.bit} is already ${taken}` });
    else owner.set(flag.bit, `"${flag.label}"`);
  });
  return errors;
}
