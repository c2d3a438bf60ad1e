/** Read-only so both stored RawHeaders and frozen header lists can be searched. */
type HeaderList<T extends readonly [string, string] = readonly [string, string]> = ReadonlyArray<T>;

/**
 * Header lookup by name, case-insensitively (RFC 9110 §5.1), over headers kept as a list: order,
 * casing and duplicates matter to signatures and diffs, so there is no map to look names up in.
 * Pure.
 */

/** The first header so named, as its [name, value] entry, for callers that rewrite it in place. */
export function headerEntry<T extends readonly [string, string]>(headers: HeaderList<T>, name: string): T | undefined {
  const lower = name.toLowerCase();
  for (const entry of headers) if (entry[0].toLowerCase() === lower) return entry;
  return undefined;
}

/** The first value, or null when absent: a duplicated signature header is read as the sender's first. */
export function headerValue(headers: HeaderList, name: string): string | null {
  return headerEntry(headers, name)?.[1] ?? null;
}

/** Every value, in order (Content-Length / Transfer-Encoding conflicts, two Host headers). */
export function headerValues(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === lower) out.push(v);
  return out;
}
