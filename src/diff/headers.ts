/**
 * Compares raw header lists. Names are case-insensitive (RFC 9110), so casing and order
 * differences are reported as noise; values are compared exactly. Headers that differ on every
 * request by nature (date, tracing ids, client software, hop-by-hop) are flagged `volatile` and
 * not counted unless asked, otherwise every comparison of two real postbacks would "differ".
 */
import { alignByName, orderChanged } from './align.js';
import type { IgnoreMatcher } from './ignore.js';
import type { HeaderDiffEntry, HeaderEntry, HeaderValue } from './types.js';

export const VOLATILE_HEADERS: ReadonlySet<string> = new Set([
  'date',
  'content-length',
  'user-agent',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'traceparent',
  'tracestate',
  'baggage',
  'sentry-trace',
  'b3',
  'x-amzn-trace-id',
  'x-cloud-trace-context',
  'cf-ray',
  'cf-connecting-ip',
  'cdn-loop',
  'connection',
  'keep-alive',
  'te',
  'host',
  'accept-encoding',
  'via',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
]);

/** Zipkin's `x-b3-*` family is all per-request tracing state. */
export function isVolatileHeader(lowerName: string): boolean {
  return VOLATILE_HEADERS.has(lowerName) || lowerName.startsWith('x-b3-');
}

export interface HeaderDiffOptions {
  ignore: IgnoreMatcher;
  /** Count volatile headers like any other. */
  volatileCounts: boolean;
  /** Count an order change as a difference. */
  orderCounts: boolean;
}

export function diffHeaders(
  left: ReadonlyArray<readonly [string, string]>,
  right: ReadonlyArray<readonly [string, string]>,
  opts: HeaderDiffOptions,
): HeaderDiffEntry[] {
  const toNamed = (h: readonly [string, string]): { name: string; value: string } => ({
    name: h[0].toLowerCase(),
    value: h[1],
  });
  const steps = alignByName(left.map(toNamed), right.map(toNamed));
  const leftCounts = countNames(left);
  const rightCounts = countNames(right);

  const entries: HeaderDiffEntry[] = [];
  const pairs: Array<{ left: number; right: number }> = [];
  for (const step of steps) {
    const l = at(left, step.left);
    const r = at(right, step.right);
    const any = l ?? r;
    if (!any) continue;
    const name = any.name.toLowerCase();
    const volatile = isVolatileHeader(name);
    const ignored = opts.ignore.header(name);
    const casing = !!l && !!r && l.name !== r.name;
    const kind: HeaderEntry['kind'] = !l
      ? 'added'
      : !r
        ? 'removed'
        : l.value !== r.value
          ? 'changed'
          : casing
            ? 'casing'
            : 'unchanged';
    const real = kind === 'added' || kind === 'removed' || kind === 'changed';
    entries.push({
      kind,
      name,
      left: l,
      right: r,
      casing,
      volatile,
      duplicate: (leftCounts.get(name) ?? 0) > 1 || (rightCounts.get(name) ?? 0) > 1,
      ignored,
      counted: real && !ignored && (!volatile || opts.volatileCounts),
    });
    // Volatile headers move around between clients and proxies: their position is noise too.
    if (l && r && !ignored && (!volatile || opts.volatileCounts)) pairs.push({ left: l.index, right: r.index });
  }

  if (orderChanged(pairs)) {
    const names = (side: ReadonlyArray<readonly [string, string]>, key: 'left' | 'right'): string[] =>
      [...pairs].sort((a, b) => a[key] - b[key]).map((p) => side[p[key]]?.[0] ?? '');
    entries.push({ kind: 'order', left: names(left, 'left'), right: names(right, 'right'), counted: opts.orderCounts });
  }
  return entries;
}

function countNames(side: ReadonlyArray<readonly [string, string]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [n] of side) counts.set(n.toLowerCase(), (counts.get(n.toLowerCase()) ?? 0) + 1);
  return counts;
}

function at(side: ReadonlyArray<readonly [string, string]>, index: number | null): HeaderValue | null {
  if (index === null) return null;
  const h = side[index];
  return h ? { index, name: h[0], value: h[1] } : null;
}
