/**
 * Likeliest-cause search for concatenation hashes: secret encoding and position,
 * separator, raw vs decoded values, field order, algorithm.
 */
import type { ConcatHashOptions } from './concat-core.js';
import { buildConcat } from './concat-core.js';
import { firstCause, NO_CAUSE_FOUND, secretTrials } from './diagnose.js';
import type { Trial } from './diagnose.js';
import { decodeSecret, hash, HASH_ALGORITHMS } from './encoding.js';
import type { CapturedRequest, SharedSecret } from './types.js';
import { checkDigest } from './verdict.js';

const SEPARATORS = ['', ':', '|', '-', ',', ';', '.', '_', '&'];

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

export function explainConcat(req: CapturedRequest, o: ConcatHashOptions, key: SharedSecret, given: string): string {
  const secret = decodeSecret(key.secret, key.secretEncoding) ?? Buffer.alloc(0);
  const matches = (opts: ConcatHashOptions, s: Buffer = secret): boolean =>
    checkDigest(given, hash(opts.algorithm, buildConcat(req, opts, s).bytes), opts.output, '').ok;
  const trials: Trial[] = [...secretTrials(key, (s) => matches(o, s))];

  for (const pos of (['start', 'end', 'none'] as const).filter((p) => p !== o.secretPosition)) {
    trials.push({ cause: `secret position: the signature matches with the secret at the ${pos}, not the ${o.secretPosition}`, test: () => matches({ ...o, secretPosition: pos }) });
  }
  for (const sep of SEPARATORS.filter((s) => s !== o.separator)) {
    trials.push({ cause: `separator: the signature matches with ${JSON.stringify(sep)} between fields, not ${JSON.stringify(o.separator)}`, test: () => matches({ ...o, separator: sep }) });
  }
  if (o.secretPosition !== 'none') {
    for (const sep of SEPARATORS.filter((s) => s !== (o.secretSeparator ?? o.separator))) {
      trials.push({ cause: `secret joined with ${JSON.stringify(sep)}: the fields are right but the secret is attached differently`, test: () => matches({ ...o, secretSeparator: sep }) });
    }
  }
  const otherValues = o.values === 'raw' ? 'decoded' : 'raw';
  trials.push({
    cause: otherValues === 'raw'
      ? "'+' vs '%20' / encoding: the signature matches the values as sent (still URL-encoded), not decoded"
      : "'+' vs '%20' / encoding: the signature matches the decoded values, not the bytes as sent",
    test: () => matches({ ...o, values: otherValues }),
  });
  const otherMissing = o.missing === 'skip' ? 'empty' : 'skip';
  trials.push({ cause: `absent fields: the signature matches when absent fields are ${otherMissing === 'skip' ? 'left out' : 'kept as empty slots'}`, test: () => matches({ ...o, missing: otherMissing }) });
  if (o.fields.length > 1 && o.fields.length <= 5) {
    for (const order of permutations(o.fields).slice(1)) {
      trials.push({ cause: `field order: the signature matches the order ${order.join(', ')}`, test: () => matches({ ...o, fields: order }) });
    }
  }
  for (const alg of HASH_ALGORITHMS.filter((a) => a !== o.algorithm)) {
    trials.push({ cause: `wrong algorithm: the signature is ${alg}, not ${o.algorithm}`, test: () => matches({ ...o, algorithm: alg }) });
  }
  return firstCause(trials) ?? NO_CAUSE_FOUND;
}
