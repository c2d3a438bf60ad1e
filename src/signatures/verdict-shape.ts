/** The verdict every scheme returns. Free of Node types so the renderer can import it (type-only). */

/** How far a valid asymmetric signature can be trusted (Apple schemes only). */
export type Trust = 'production' | 'development' | 'custom-key';

export interface Verdict {
  valid: boolean;
  scheme: string;
  /** The exact message that was (or should have been) signed. */
  canonical: string;
  /** Same text with invisible characters made visible (see visible.ts). */
  canonicalVisible: string;
  /** The signature we computed; null for asymmetric schemes (nothing to compute without the private key). */
  expected: string | null;
  /** The signature the request carried, as found; null when absent. */
  given: string | null;
  /** Likeliest cause when invalid; null when valid. */
  cause: string | null;
  details: string[];
  /** Set by the Apple schemes when the signature verifies: which kind of key vouched for it. */
  trust?: Trust;
  /**
   * True when `expected` and `given` are hex digests, which compare without letter case: a
   * character diff must not count `A` against `a`, or a valid verdict shows "28 characters differ".
   */
  caseInsensitive?: boolean;
  /** Said next to "valid" when the signature verifies but is spelled unusually (e.g. uppercase hex). */
  note?: string;
}
