import type { Signer } from '../sender/sign-request.js';
import { getScheme } from '../signatures/index.js';
import { makeVisible } from '../signatures/visible.js';
import { secretMaskFor } from './secrets.js';
import type { ProfileService } from './profile-service.js';

/**
 * Signs what the sender is about to send with the profile's scheme: the exact bytes that go on
 * the wire are the ones signed (the signature is applied last, after every macro is expanded).
 */
export function profileSigner(profiles: Pick<ProfileService, 'resolve'>): Signer {
  return (profileId, wire) => {
    const profile = profiles.resolve(profileId);
    if (!profile) return { ok: false, message: `profile ${profileId} does not exist` };
    const spec = profile.input.signature;
    if (!spec) return { ok: true, wire, note: `Profile "${profile.name}" signs nothing.` };
    if (!profile.key) return { ok: false, message: `profile "${profile.name}" has no secret or key to sign with (${spec.scheme})` };
    const scheme = getScheme(spec.scheme);
    if (!scheme) return { ok: false, message: `unknown signature scheme "${spec.scheme}"` };
    const mask = secretMaskFor(profile.key);
    try {
      const signed = scheme.sign({
        request: { method: wire.method, url: wire.target, fullUrl: spec.signedUrl ?? wire.origin, rawHeaders: wire.headers, body: wire.body },
        options: (spec.options ?? {}) as object,
        key: profile.key,
      });
      const names = new Set(signed.headers.map(([n]) => n.toLowerCase()));
      const headers = [...wire.headers.filter(([n]) => !names.has(n.toLowerCase())), ...signed.headers];
      const next = { ...wire, target: signed.url, headers, body: signed.body ?? wire.body };
      // The note shows the secret-free part of the work: the canonical string and where the value went.
      const where = signed.placement.in === 'body' ? `body field ${signed.placement.field}` : `${signed.placement.in} ${signed.placement.name}`;
      // Masked before it is made visible (control bytes become ⟨U+…⟩ tags) and the note as a whole after.
      return { ok: true, wire: next, note: mask(`Signed with ${spec.scheme} (profile "${profile.name}") in the ${where}: ${signed.value}; canonical string: ${makeVisible(mask(signed.canonical))}`) };
    } catch (error) {
      return { ok: false, message: mask(`signing with ${spec.scheme} failed: ${(error as Error).message}`) };
    }
  };
}
