/**
 * Shapes of the exchange comparison engine. Pure types, no runtime: the renderer imports them too.
 *
 * Vocabulary used throughout:
 * - `counted`: the entry is a real difference (it makes `identical` false and shows in the summary).
 * - noise: an entry that is reported so QA can see it, but not counted (order, casing, encoding-only,
 *   volatile headers, anything ignored). Signatures can depend on noise, so it is never hidden.
 */

/** One side of the comparison, as captured (raw, byte-exact). */
export interface ExchangeSide {
  method: string;
  /** Raw request target exactly as received, e.g. '/pb?b=2&a=%7Bx%7D&a=1+2' (a Node "binary string" is fine). */
  url: string;
  /** Order and casing as sent. */
  rawHeaders: Array<[string, string]>;
  body: Uint8Array;
  /** Overrides the Content-Type header for body classification; undefined → taken from rawHeaders. */
  contentType?: string | null;
}

export interface DiffOptions {
  /**
   * Param names, header names, JSON paths (`$.ts`, `body.items[*].ts`), scoped names
   * (`query.ts`, `header.date`, `form.ts`) or `body`. See ignore.ts for the exact rules.
   */
  ignore?: string[];
  /** Count a query/form param order change as a difference (signatures over raw strings depend on it). */
  paramOrder?: boolean;
  /** Count a header order change as a difference. Default false for both: order is reported as noise. */
  headerOrder?: boolean;
  /** Count volatile headers (date, user-agent, x-request-id…). Default false: flagged and not counted. */
  volatileHeaders?: boolean;
  /** JSON arrays: compared index by index (default), or aligned so a moved element is one 'moved' entry. */
  jsonArrays?: 'index' | 'move-aware';
  /** SHA-256 as lowercase hex; defaults to a small pure implementation (pass Node's crypto for huge bodies). */
  sha256?: (bytes: Uint8Array) => string;
}

/** Reported for a list (query, form, headers, JSON object keys) whose common items appear in another order. */
export interface OrderEntry {
  kind: 'order';
  /** Names of the items present on both sides, in each side's order. */
  left: string[];
  right: string[];
  counted: boolean;
}

export type ParamEntryKind = 'added' | 'removed' | 'changed' | 'encoding-only' | 'unchanged';

export interface ParamValue {
  /** Position in that side's parameter list (0-based). */
  index: number;
  rawName: string;
  /** null when the segment had no '=' at all (`?flag`), which differs in raw form from `?flag=`. */
  rawValue: string | null;
  /** Percent-decoded (and `+` → space) as UTF-8 text. */
  name: string;
  value: string;
}

export interface ParamEntry {
  kind: ParamEntryKind;
  /** Decoded name. */
  name: string;
  left: ParamValue | null;
  right: ParamValue | null;
  /** The name occurs more than once on at least one side. */
  duplicate: boolean;
  /** 'changed', but both values are the same decimal number (`3.10` vs `3.1`): worth saying, often noise. */
  numericEqual?: boolean;
  /** e.g. "numerically equal (3.10 = 3.1)". */
  note?: string;
  ignored: boolean;
  counted: boolean;
}

export type QueryDiffEntry = ParamEntry | OrderEntry;

/** 'casing': same name apart from letter case, same value. */
export type HeaderEntryKind = 'added' | 'removed' | 'changed' | 'casing' | 'unchanged';

export interface HeaderValue {
  index: number;
  /** Name as sent (original casing). */
  name: string;
  value: string;
}

export interface HeaderEntry {
  kind: HeaderEntryKind;
  /** Lower-cased name. */
  name: string;
  left: HeaderValue | null;
  right: HeaderValue | null;
  /** The name's casing differs between the sides (also set when the value changed too). */
  casing: boolean;
  volatile: boolean;
  duplicate: boolean;
  ignored: boolean;
  counted: boolean;
}

export type HeaderDiffEntry = HeaderEntry | OrderEntry;

export type JsonEntryKind = 'added' | 'removed' | 'changed' | 'encoding-only' | 'moved' | 'order';
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface JsonDiffEntry {
  kind: JsonEntryKind;
  /** e.g. `$.items[2].price`; for added entries the right side's path. */
  path: string;
  /** Set when the right side's path differs (moved elements, move-aware pairing). */
  rightPath?: string;
  /** Source text of the value (numbers exactly as written), or the key list for 'order'. */
  left: string | null;
  right: string | null;
  leftType: JsonType | null;
  rightType: JsonType | null;
  note?: string;
  /** A number written differently with the same value (`1.0` vs `1`). */
  numericEqual?: boolean;
  ignored: boolean;
  counted: boolean;
}

export type BodyKind = 'empty' | 'json' | 'form' | 'text' | 'binary';

export interface TextHunk {
  kind: 'added' | 'removed' | 'unchanged';
  lines: string[];
  /** 1-based line numbers where the hunk starts on each side. */
  leftStart: number;
  rightStart: number;
}

export interface BinaryInfo {
  size: number;
  sha256: string;
}

/** Up to 16 bytes from the first differing offset, as hex, for each side. */
export interface ByteDifference {
  offset: number;
  left: string;
  right: string;
}

interface BodyDiffBase {
  /** Each side's own classification; `kind` is what they were compared as. */
  leftKind: BodyKind;
  rightKind: BodyKind;
  bytesEqual: boolean;
  /** The whole body is ignored (`ignore: ['body']`). */
  ignored: boolean;
  /** Counted differences in the body. */
  differences: number;
  identical: boolean;
  notes: string[];
}

export type BodyDiff =
  | (BodyDiffBase & { kind: 'empty' })
  | (BodyDiffBase & { kind: 'json'; entries: JsonDiffEntry[] })
  | (BodyDiffBase & { kind: 'form'; entries: QueryDiffEntry[] })
  | (BodyDiffBase & { kind: 'text'; hunks: TextHunk[]; linesAdded: number; linesRemoved: number })
  | (BodyDiffBase & {
      kind: 'binary';
      left: BinaryInfo;
      right: BinaryInfo;
      firstDifference: ByteDifference | null;
    });

export interface MethodDiff {
  left: string;
  right: string;
  changed: boolean;
  counted: boolean;
}

export interface PathDiff {
  /** Raw paths (request target without the query). */
  left: string;
  right: string;
  /** 'encoding-only': equal after normalising hex case and decoding unreserved escapes (RFC 3986 §6.2.2). */
  kind: 'unchanged' | 'encoding-only' | 'changed';
  counted: boolean;
}

export interface ExchangeDiff {
  method: MethodDiff;
  path: PathDiff;
  query: QueryDiffEntry[];
  headers: HeaderDiffEntry[];
  body: BodyDiff;
  /** e.g. "3 params changed, 1 added, headers identical, body: 2 paths changed". */
  summary: string;
  /** Total counted differences. */
  differences: number;
  identical: boolean;
}
