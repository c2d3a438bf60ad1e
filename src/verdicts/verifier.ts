import { CoreError } from '../errors.js';
import type { ProfileInput, SignatureSpec } from '../model/profile.js';
import type { ExchangeVerdict } from '../model/verdict.js';
import type { ProfileService } from '../profiles/profile-service.js';
import { keyMaterial, parseSecretInput, secretMaskFor } from '../profiles/secrets.js';
import { validateProfile } from '../profiles/validate-profile.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';
import type { KeyMaterial } from '../signatures/types.js';
import { computeVerdict } from './compute-verdict.js';
import type { PostbackRequest } from '../checks/postback-fields.js';
import { parseRawRequest, RawMessageError } from '../http/raw-message.js';
import type { VerifyRequest } from '../shared/api/routes/verify.js';

export type VerifyResult = ExchangeVerdict & {
  /** About the raw message itself (ignored trailing bytes…). */
  notes: string[];
};

/**
 * The body of POST /api/verify, as the route table documents it (src/shared/api/routes/verify.ts).
 * Its values are checked here, not trusted: the secret may be anything until it is read.
 */
type VerifyBody = Omit<VerifyRequest, 'secret'> & { secret?: unknown };

/** Which signature spec applies: the explicit scheme (with the profile's options if it is the same scheme), or the profile's. */
export function signatureSpecFor(scheme: string | undefined, options: Record<string, unknown> | undefined, profile: ProfileInput | null): SignatureSpec | null {
  const own = profile?.signature ?? null;
  if (!scheme) return own && options ? { ...own, options: { ...(own.options ?? {}), ...options } } : own;
  const base = own?.scheme === scheme ? (own.options ?? {}) : {};
  return { scheme, options: { ...base, ...(options ?? {}) }, ...(own?.signedUrl ? { signedUrl: own.signedUrl } : {}) };
}

export function createVerifier(deps: { exchanges: Pick<ExchangesRepository, 'get'>; profiles: ProfileService; maxDecodedBytes: number }) {
  const bad = (message: string, field: string): CoreError => new CoreError('INVALID_VERIFY_REQUEST', message, [{ field, message }]);

  function verify(input: unknown): VerifyResult {
    if (typeof input !== 'object' || input === null) throw bad('expected a JSON object', '(body)');
    const body = input as VerifyBody;
    const notes: string[] = [];
    let request: PostbackRequest;
    let exchangeId: number | null = null;
    let nowSec = Math.floor(Date.now() / 1000);
    let rejected: string | null = null;
    let remoteAddress: string | null = null;
    let fullUrl: string | undefined = typeof body.url === 'string' && body.url ? body.url : undefined;
    if (body.exchangeId !== undefined) {
      const exchange = Number.isInteger(body.exchangeId) ? deps.exchanges.get(body.exchangeId) : null;
      if (!exchange) throw new CoreError('NOT_FOUND', `exchange ${String(body.exchangeId)}`);
      ({ id: exchangeId, rejected, remoteAddress } = exchange);
      request = exchange;
      nowSec = Math.floor(exchange.receivedAt / 1000);
    } else if (typeof body.raw === 'string' || typeof body.rawBase64 === 'string') {
      const bytes = typeof body.rawBase64 === 'string' ? Buffer.from(body.rawBase64, 'base64') : Buffer.from(body.raw!, 'utf8');
      try {
        const parsed = parseRawRequest(bytes);
        request = parsed.request;
        notes.push(...parsed.notes);
        fullUrl ??= parsed.fullUrl ?? undefined;
      } catch (error) {
        if (error instanceof RawMessageError) throw bad(error.message, body.rawBase64 !== undefined ? 'rawBase64' : 'raw');
        throw error;
      }
    } else {
      throw bad('give a raw request (raw or rawBase64) or an exchangeId', 'raw');
    }
    if (body.now !== undefined) {
      if (typeof body.now !== 'number' || !Number.isFinite(body.now)) throw bad('now is unix seconds', 'now');
      nowSec = Math.floor(body.now);
    }

    let profile: { id: number | null; input: ProfileInput } | null = null;
    let key: KeyMaterial | null = null;
    if (body.profileId !== undefined) {
      const resolved = Number.isInteger(body.profileId) ? deps.profiles.resolve(body.profileId) : null;
      if (!resolved) throw new CoreError('NOT_FOUND', `profile ${String(body.profileId)}`);
      profile = { id: resolved.id, input: resolved.input };
      key = resolved.key;
    } else if (body.profile !== undefined) {
      const check = validateProfile(body.profile);
      if (!check.ok) throw new CoreError('INVALID_PROFILE', check.errors.map((e) => `${e.field}: ${e.message}`).join('; '), check.errors.map((e) => ({ field: `profile.${e.field}`, message: e.message })));
      profile = { id: null, input: check.profile };
    }
    if (body.secret !== undefined && body.secret !== null) {
      const secret = parseSecretInput(typeof body.secret === 'string' ? { secret: body.secret } : body.secret);
      if ('error' in secret) throw new CoreError('INVALID_SECRET', secret.error, [{ field: `secret.${secret.field}`, message: secret.error }]);
      key = keyMaterial(secret);
    }
    if (body.scheme !== undefined && typeof body.scheme !== 'string') throw bad('scheme is a scheme id', 'scheme');
    if (body.options !== undefined && (typeof body.options !== 'object' || body.options === null)) throw bad('options is an object', 'options');
    const signature = signatureSpecFor(body.scheme, body.options, profile?.input ?? null);
    const verdict = computeVerdict({
      exchangeId,
      request,
      nowSec,
      profile,
      key,
      signature,
      ...(fullUrl ? { fullUrl } : {}),
      rejected,
      maxDecodedBytes: deps.maxDecodedBytes,
      remoteAddress,
    });
    // The notes quote the raw message, which may carry the secret as sent.
    return { ...verdict, notes: notes.map(secretMaskFor(key)) };
  }

  return { verify };
}
