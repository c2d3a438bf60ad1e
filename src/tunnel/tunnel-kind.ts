import { sshTunnelRequest } from './ssh-tunnel-input.js';

/** Which tunnel client to run: `cloudflared`, `ngrok`, or `ssh:[user@]host[:remote-port]` with a user-given public URL. */
export type TunnelKind = 'cloudflared' | 'ngrok' | 'ssh';

export interface TunnelRequest {
  kind: TunnelKind;
  /** ssh only: the `user@host` that forwards its remote port to the receiver. */
  sshDestination?: string;
  /** ssh only: the port on the server that forwards (`ssh -R <port>:…`); 80 when absent. */
  remotePort?: number;
  /** ssh only (the server decides the name): the URL partners post to. */
  publicUrl?: string;
}

/** `cloudflared` | `ngrok` | `ssh:[user@]host[:remote-port]` → a request, or a message saying what is accepted. */
export function parseTunnelSpec(spec: string, publicUrl?: string): TunnelRequest | { error: string } {
  if (spec === 'cloudflared' || spec === 'ngrok') return { kind: spec };
  if (spec.startsWith('ssh:')) {
    // ssh:[user@]host[:remote-port]
    const m = /^(?:([^@]*)@)?([^:]*)(?::(.*))?$/.exec(spec.slice(4));
    const port = m?.[3];
    if (!m || (port !== undefined && !/^\d+$/.test(port))) return { error: `"${spec.slice(4)}" is not [user@]host[:remote-port] for ssh` };
    const parsed = sshTunnelRequest({ user: m[1] ?? '', host: m[2] ?? '', remotePort: port === undefined ? undefined : Number(port), publicUrl: publicUrl ?? '' });
    if ('errors' in parsed) {
      const first = parsed.errors[0]!;
      return { error: first.field === 'publicUrl' && !publicUrl ? 'an ssh tunnel needs the public URL the server gives (--tunnel-url https://…)' : first.message };
    }
    return parsed;
  }
  return { error: `unknown tunnel "${spec}": use cloudflared, ngrok or ssh:<user@host[:remote-port]>` };
}
