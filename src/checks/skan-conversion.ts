/**
 * Decodes a SKAdNetwork postback's conversion values with the profile's schema. Pure: the verdict
 * attaches the result and the exchange detail shows it.
 * Field names and ranges: https://developer.apple.com/documentation/storekit/receiving-ad-attributions-and-postbacks
 * Windows: https://developer.apple.com/documentation/storekit/receiving-postbacks-in-multiple-conversion-windows
 */
import type { SkanConversionDecoding, SkanConversionSchema, SkanFineBits, SkanFineTable } from '../model/skan-conversion.js';
import { findField, type PostbackField } from './postback-fields.js';

const WINDOWS = ['first postback (conversion window days 0–2)', 'second postback (conversion window days 3–7)', 'third postback (conversion window days 8–35)'];
const COARSE = ['low', 'medium', 'high'] as const;

type Fine = NonNullable<SkanConversionDecoding['fine']>;

/** Null when the postback carries no conversion value of either kind. */
export function decodeSkanConversion(fields: readonly PostbackField[], schema: SkanConversionSchema): SkanConversionDecoding | null {
  const value = (name: string): string | null => findField(fields, name)?.value ?? null;
  const fineText = value('conversion-value');
  const coarseText = value('coarse-conversion-value');
  if (fineText === null && coarseText === null) return null;
  const sequence = smallInteger(value('postback-sequence-index'));
  const fine = fineText === null ? null : decodeFine(fineText, schema.fine);
  // Apple sends fine values in the first postback only: one in a later postback did not come from a device.
  if (fine && fine.problem === null && sequence !== null && sequence > 0) fine.problem = `a fine value in the ${WINDOWS[sequence]?.split(' ')[0] ?? `#${sequence}`} postback: Apple sends fine values only in the first`;
  const coarse = coarseText === null ? null : decodeCoarse(coarseText, schema.coarse);
  // A version 4 postback "provides this fineConversionValue or a coarseConversionValue", never both
  // (https://developer.apple.com/documentation/storekittest/skadtestpostback/fineconversionvalue).
  if (fine && coarse) {
    const both = 'a fine and a coarse value in one postback: Apple sends one or the other (the tier decides which)';
    fine.problem ??= both;
    coarse.problem ??= both;
  }
  return {
    version: value('version'),
    postbackSequenceIndex: sequence,
    window: sequence === null ? null : (WINDOWS[sequence] ?? null),
    fidelityType: smallInteger(value('fidelity-type')),
    fine,
    coarse,
  };
}

function smallInteger(text: string | null): number | null {
  return text !== null && /^\d{1,3}$/.test(text) ? Number(text) : null;
}

function decodeFine(text: string, schema: SkanConversionSchema['fine']): Fine {
  if (!/^\d{1,2}$/.test(text) || Number(text) > 63) return { value: text, meaning: null, problem: `conversion-value "${text}" is not an integer 0–63` };
  const n = Number(text);
  if (!schema) return { value: text, meaning: null, problem: null };
  return schema.kind === 'table' ? fromTable(n, schema) : fromBits(n, schema);
}

function fromTable(n: number, schema: SkanFineTable): Fine {
  const entry = schema.entries.find((e) => e.from <= n && n <= e.to);
  return { value: String(n), meaning: entry?.label ?? null, problem: entry ? null : `the schema's table has no entry for ${n}` };
}

function fromBits(n: number, schema: SkanFineBits): Fine {
  let used = 0;
  let revenue: string | null = null;
  if (schema.revenue) {
    const { lowBit, width, buckets } = schema.revenue;
    const mask = ((1 << width) - 1) << lowBit;
    used |= mask;
    const bucket = (n & mask) >> lowBit;
    revenue = buckets[bucket] ?? `bucket ${bucket}`;
  }
  const events: string[] = [];
  for (const flag of schema.events) {
    used |= 1 << flag.bit;
    if (n & (1 << flag.bit)) events.push(flag.label);
  }
  // A set bit the schema gives no meaning: the app and the schema disagree about the encoding.
  const stray = [0, 1, 2, 3, 4, 5].filter((bit) => n & (1 << bit) && !(used & (1 << bit)));
  const parts = [...(revenue !== null ? [`revenue ${revenue}`] : []), events.length ? `events: ${events.join(', ')}` : 'no events'];
  return {
    value: String(n),
    meaning: parts.join(' · '),
    revenue,
    events,
    problem: stray.length ? `bit${stray.length > 1 ? 's' : ''} ${stray.join(', ')} set, with no meaning in the schema` : null,
  };
}

function decodeCoarse(text: string, schema: SkanConversionSchema['coarse']): NonNullable<SkanConversionDecoding['coarse']> {
  if (!(COARSE as readonly string[]).includes(text)) return { value: text, meaning: null, problem: `coarse-conversion-value "${text}" is not low, medium or high` };
  const label = schema?.[text as (typeof COARSE)[number]];
  return { value: text, meaning: label ? label : null, problem: null };
}
