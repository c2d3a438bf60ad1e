/** Which tunnel client to run: `cloudflared`, `ngrok`, or `ssh:<user@host>` with a user-given public URL. */
export type TunnelKind = 'cloudflared' | 'ngrok' | 'ssh';

export interface TunnelRequest {
  kind: TunnelKind;
  /** ssh only: the `user@host` that forwards its port 80 to the receiver. */
  sshDestination?: string;
  /** ssh only (the server decides the name): the URL partners post to. */
  publicUrl?: string;
}

/** `cloudflared` | `ngrok` | `ssh:user@host` → a request, or a message saying what is accepted. */
export function parseTunnelSpec(spec: string, publicUrl?: string): TunnelRequest | { error: string } {
  if (spec === 'cloudflared' || spec === 'ngrok') return { kind: spec };
  if (spec.startsWith('ssh:')) {
    const destination = spec.slice(4);
    // Refuse anything ssh would read as an option: the destination goes on its command line.
    if (!/^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+$|^[A-Za-z0-9.-]+$/.test(destination)) return { error: `"${destination}" is not a user@host for ssh` };
    if (!publicUrl) return { error: 'an ssh tunnel needs the public URL the server gives (--tunnel-url https://…)' };
    if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) return { error: `--tunnel-url "${publicUrl}" is not an http(s) URL` };
    return { kind: 'ssh', sshDestination: destination, publicUrl: publicUrl.replace(/\/+$/, '') };
  }
  return { error: `unknown tunnel "${spec}": use cloudflared, ngrok or ssh:<user@host>` };
}
