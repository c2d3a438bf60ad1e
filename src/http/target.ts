/**
 * The one place a request target is cut into path and query. Pure (no node: imports), so the
 * renderer may use it too.
 */

export interface SplitTarget {
  /** The raw path, escapes untouched (`%2F` and `/` route differently, so they are not unified). */
  path: string;
  /** Everything after the first `?`, later `?` included; null when there is no `?` ('' for `/pb?`). */
  rawQuery: string | null;
}

export interface SplitOptions {
  /**
   * Cut at the first `#` first. A fragment never travels in a request target, but URLs pasted
   * into the sender or a diff may carry one, and it is not part of what a partner signed or
   * compared. Captured targets keep it (it is what arrived).
   */
  dropFragment?: boolean;
}

export function splitTarget(target: string, options: SplitOptions = {}): SplitTarget {
  const hash = options.dropFragment ? target.indexOf('#') : -1;
  const t = hash < 0 ? target : target.slice(0, hash);
  const q = t.indexOf('?');
  return q < 0 ? { path: t, rawQuery: null } : { path: t.slice(0, q), rawQuery: t.slice(q + 1) };
}
