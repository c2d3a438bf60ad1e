/**
 * Compare two HTTP exchanges (request side): method, path, query, headers, body.
 * Pure and synchronous, no Node-only APIs, so the renderer can run it on exchanges it already holds.
 */
import { diffBody } from './body.js';
import { declaredContentType } from './body-kind.js';
import { diffHeaders } from './headers.js';
import { compileIgnore } from './ignore.js';
import { diffParamStrings } from './params.js';
import { splitTarget } from '../http/target.js';
import { normalizePath } from '../http/percent.js';
import { summarize } from './summary.js';
import type { DiffOptions, ExchangeDiff, ExchangeSide, MethodDiff, PathDiff } from './types.js';

export function diffExchanges(left: ExchangeSide, right: ExchangeSide, options: DiffOptions = {}): ExchangeDiff {
  const ignore = compileIgnore(options.ignore);
  const lt = splitTarget(left.url, { dropFragment: true });
  const rt = splitTarget(right.url, { dropFragment: true });

  // HTTP methods are case-sensitive (RFC 9110 §9.1): `get` is not `GET`.
  const methodChanged = left.method !== right.method;
  const method: MethodDiff = { left: left.method, right: right.method, changed: methodChanged, counted: methodChanged };
  const pathKind: PathDiff['kind'] =
    lt.path === rt.path ? 'unchanged' : normalizePath(lt.path) === normalizePath(rt.path) ? 'encoding-only' : 'changed';
  const path: PathDiff = { left: lt.path, right: rt.path, kind: pathKind, counted: pathKind === 'changed' };

  const query = diffParamStrings(lt.rawQuery, rt.rawQuery, {
    scope: 'query',
    ignore,
    orderCounts: options.paramOrder ?? false,
  });
  const headers = diffHeaders(left.rawHeaders, right.rawHeaders, {
    ignore,
    volatileCounts: options.volatileHeaders ?? false,
    orderCounts: options.headerOrder ?? false,
  });
  const body = diffBody(
    { body: left.body, contentType: declaredContentType(left.contentType, left.rawHeaders) },
    { body: right.body, contentType: declaredContentType(right.contentType, right.rawHeaders) },
    {
      ignore,
      paramOrder: options.paramOrder ?? false,
      jsonArrays: options.jsonArrays ?? 'index',
      ...(options.sha256 ? { sha256: options.sha256 } : {}),
    },
  );

  const differences =
    Number(method.counted) +
    Number(path.counted) +
    query.filter((e) => e.counted).length +
    headers.filter((e) => e.counted).length +
    body.differences;
  const partial = { method, path, query, headers, body, differences, identical: differences === 0 };
  return { ...partial, summary: summarize(partial) };
}

export { diffToMarkdown } from './markdown.js';
export { VOLATILE_HEADERS, isVolatileHeader } from './headers.js';
export { parseJson, JsonParseError, numbersEqual, type JsonNode } from '../http/json.js';
export { sha256Hex } from './sha256.js';
export type * from './types.js';
