/**
 * The concatenation-hash message and its options, shared by the scheme
 * (concat-hash.ts) and its mismatch diagnosis (concat-explain.ts).
 */
import { assertOneOf, DIGEST_ENCODINGS, HASH_ALGORITHMS } from './encoding.js';
import { formParams, lookupField, queryParams } from './request.js';
import { SignatureConfigError } from './types.js';
import type { CapturedRequest, DigestEncoding, HashAlgorithm, Placement } from './types.js';

export interface ConcatHashOptions {
  algorithm: HashAlgorithm;
  /** Field references in signing order (see request.ts lookupField). */
  fields: string[];
  separator: string;
  /** Where the secret goes in the string. */
  secretPosition: 'start' | 'end' | 'none';
  /** Text between the secret and its neighbour field; null = same as `separator`. */
  secretSeparator: string | null;
  /** Absent fields: 'empty' keeps an empty slot, 'skip' drops it (optional params such as Fyber pub0…pub9). */
  missing: 'empty' | 'skip';
  /** 'decoded' = what PHP's $_GET hands the partner's sample code; 'raw' = bytes as sent. */
  values: 'decoded' | 'raw';
  output: DigestEncoding;
  /** Emit uppercase hex when signing (comparison is on bytes either way). */
  uppercase: boolean;
  signature: Placement;
}

export const CONCAT_DEFAULTS: ConcatHashOptions = {
  algorithm: 'md5',
  fields: [],
  separator: '',
  secretPosition: 'end',
  secretSeparator: null,
  missing: 'empty',
  values: 'decoded',
  output: 'hex',
  uppercase: false,
  signature: { in: 'query', name: 'signature' },
};

export function resolveConcatOptions(defaults: ConcatHashOptions, partial?: Partial<ConcatHashOptions>): ConcatHashOptions {
  const o: ConcatHashOptions = { ...defaults, ...(partial ?? {}) };
  assertOneOf(o.algorithm, HASH_ALGORITHMS, 'algorithm');
  assertOneOf(o.output, DIGEST_ENCODINGS, 'output');
  assertOneOf(o.secretPosition, ['start', 'end', 'none'], 'secretPosition');
  if (!Array.isArray(o.fields)) throw new SignatureConfigError('fields must be an array of field references');
  return o;
}

function rawField(req: CapturedRequest, ref: string): string | undefined {
  const name = ref.replace(/^(query|body):/, '');
  const hit = [...queryParams(req), ...formParams(req)].find((p) => p.name === name);
  return hit ? hit.rawValue : lookupField(req, ref);
}

export interface ConcatMessage {
  bytes: Buffer;
  text: string;
  notes: string[];
}

/** Builds the concatenation; the secret enters as bytes so hex/base64 secrets stay exact. */
export function buildConcat(req: CapturedRequest, o: ConcatHashOptions, secret: Buffer): ConcatMessage {
  const notes: string[] = [];
  const values: string[] = [];
  for (const f of o.fields) {
    const v = o.values === 'raw' ? rawField(req, f) : lookupField(req, f);
    if (v === undefined) notes.push(`field ${f} is absent: ${o.missing === 'skip' ? 'skipped' : 'used an empty string'}`);
    if (v !== undefined || o.missing === 'empty') values.push(v ?? '');
  }
  const joined = Buffer.from(values.join(o.separator), 'utf8');
  const sep = Buffer.from(values.length > 0 ? o.secretSeparator ?? o.separator : '', 'utf8');
  const parts =
    o.secretPosition === 'start' ? [secret, sep, joined] : o.secretPosition === 'end' ? [joined, sep, secret] : [joined];
  const bytes = Buffer.concat(parts);
  return { bytes, text: bytes.toString('utf8'), notes };
}

