import type { WireRequest } from './transport.js';

/** Signs an outbound request with a partner profile's scheme and key (provided by the core). */
export type Signer = (profileId: number, wire: WireRequest) => SignOutcome;

export type SignOutcome =
  | { ok: true; wire: WireRequest; note: string }
  | { ok: false; message: string };
