import { compareSides } from '../comparison/compare.js';
import { checkIgnoreList } from '../comparison/options.js';
import { prepareSide, type RequestParts } from '../comparison/sides.js';
import { diffToText } from '../comparison/text-report.js';
import { parseRawMessage } from '../http/raw-message.js';
import type { Outcome } from './expect-arrival.js';
import type { ExpectOf } from './plan-schema.js';
import type { RunContext } from './run-context.js';

/** Same cap as the diff CLI and the core's default: a gzip bomb in a golden file stops there. */
const maxDecodedBytes = 64 * 1024 * 1024;

/** Under the endpoint's profile (the stored verdict), or under another profile of the plan (POST /api/verify). */
export async function expectSignature(e: ExpectOf<'signature'>, capture: number, ctx: RunContext): Promise<Outcome> {
  const verdict =
    e.profile === undefined
      ? await ctx.api.call('getVerdict', { params: { id: capture } })
      : await ctx.api.call('verify', { body: { exchangeId: capture, profileId: ctx.profiles.get(e.profile)! } });
  const s = verdict.signature;
  const valid = s.status === 'pass';
  const ok = e.signature === 'valid' ? valid : s.status === 'fail';
  const why = s.explain?.cause ?? s.reason ?? (s.explain ? `expected ${s.explain.expected ?? '?'}, given ${s.explain.given ?? 'none'}` : null);
  return { ok, exchangeIds: [capture], message: `signature ${s.status}${s.scheme ? ` (${s.scheme})` : ''} under ${verdict.profileName ?? 'no profile'}${!valid && why ? `: ${why}` : ''}` };
}

export async function expectVerdict(e: ExpectOf<'verdict'>, capture: number, ctx: RunContext): Promise<Outcome> {
  const verdict = await ctx.api.call('getVerdict', { params: { id: capture } });
  const problems = [
    ...verdict.params.filter((p) => p.status === 'fail').map((p) => `${p.name}: ${p.why ?? 'fails'}`),
    ...verdict.issues.filter((i) => i.severity === 'fail').map((i) => i.message),
    ...(verdict.signature.status === 'fail' ? ['signature invalid'] : []),
  ];
  return { ok: verdict.status === e.verdict, exchangeIds: [capture], message: `verdict ${verdict.status} (${verdict.failures} failure(s), ${verdict.warnings} warning(s))${problems.length ? `: ${problems.slice(0, 5).join('; ')}` : ''}` };
}

/** Locally, with the diff CLI's code: the golden file and the capture's raw message, under the plan's ignore rules. */
export async function expectDiff(e: ExpectOf<'diff'>, capture: number, ctx: RunContext): Promise<Outcome> {
  const golden = parts(await ctx.loaded.files.read(e.diff), e.diff);
  const captured = parts(await ctx.api.bytes('getExchangeRaw', { params: { id: capture } }), `capture #${capture}`);
  const diff = compareSides(prepareSide('left', golden, maxDecodedBytes), prepareSide('right', captured, maxDecodedBytes), {
    ignore: checkIgnoreList(e.ignore ?? [], 'ignore'),
    paramOrder: e.paramOrder ?? false,
    headerOrder: e.headerOrder ?? false,
    volatileHeaders: e.volatileHeaders ?? false,
    jsonArrays: e.jsonArrays ?? 'index',
  });
  if (diff.identical) return { ok: true, exchangeIds: [capture], message: `identical to ${e.diff}: ${diff.summary}` };
  return { ok: false, exchangeIds: [capture], message: `differs from ${e.diff}:\n${diffToText(diff).trimEnd()}` };
}

function parts(bytes: Uint8Array, label: string): RequestParts {
  try {
    const m = parseRawMessage(bytes);
    return { method: m.method, target: m.target, rawHeaders: m.rawHeaders, body: m.body };
  } catch (error) {
    throw new Error(`${label}: ${(error as Error).message}`);
  }
}
