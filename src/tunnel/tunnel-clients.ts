/**
 * The tunnel clients Postback Inspector drives (it ships none): how each is started so that only
 * the receiver port is exposed, and where each says its public URL.
 */
import { DEFAULT_SSH_REMOTE_PORT } from './ssh-tunnel-input.js';
import type { TunnelKind, TunnelRequest } from './tunnel-kind.js';

export interface TunnelClient {
  binary: string;
  args(target: { host: string; port: number }, request: TunnelRequest): string[];
  /** The public URL if this line of the client's output announces it. */
  urlFrom(line: string): string | null;
  install: string;
}

const cloudflared: TunnelClient = {
  binary: 'cloudflared',
  // A quick tunnel: no account; the URL is printed in a banner on stderr.
  args: ({ host, port }) => ['tunnel', '--url', `http://${host}:${port}`],
  urlFrom: (line) => /https:\/\/[a-z0-9-]+\.trycloudflare\.com\b/i.exec(line)?.[0] ?? null,
  install: 'cloudflared: https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ (macOS: brew install cloudflared)',
};

const ngrok: TunnelClient = {
  binary: 'ngrok',
  args: ({ port }) => ['http', String(port), '--log', 'stdout', '--log-format', 'json'],
  urlFrom: (line) => {
    if (!line.startsWith('{')) return null;
    try {
      const url = (JSON.parse(line) as { url?: unknown }).url;
      return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null;
    } catch {
      return null;
    }
  },
  install: 'ngrok: https://ngrok.com/download, then `ngrok config add-authtoken <token>` (macOS: brew install ngrok)',
};

const ssh: TunnelClient = {
  binary: 'ssh',
  // BatchMode: no password prompt nobody sees; ExitOnForwardFailure: a refused remote port ends
  // ssh (reported) instead of leaving a tunnel that forwards nothing.
  args: ({ host, port }, request) => ['-N', '-o', 'BatchMode=yes', '-o', 'ExitOnForwardFailure=yes', '-R', `${request.remotePort ?? DEFAULT_SSH_REMOTE_PORT}:${host}:${port}`, '--', request.sshDestination ?? ''],
  // The server names the URL, not ssh: the user gives it (--tunnel-url).
  urlFrom: () => null,
  install: 'ssh: the OpenSSH client (Windows: Settings › Optional features › OpenSSH Client; Linux: apt install openssh-client)',
};

export const tunnelClients: Record<TunnelKind, TunnelClient> = { cloudflared, ngrok, ssh };

/** Said when the client is not on PATH: what was looked for, and how to get each. */
export function notInstalledMessage(kind: TunnelKind): string {
  const others = (Object.keys(tunnelClients) as TunnelKind[]).filter((k) => k !== kind);
  return [
    `no "${tunnelClients[kind].binary}" found on PATH (looked for ${tunnelClients[kind].binary}; the other supported clients are ${others.map((k) => tunnelClients[k].binary).join(' and ')}).`,
    `Install one: ${(Object.keys(tunnelClients) as TunnelKind[]).map((k) => tunnelClients[k].install).join('; ')}.`,
  ].join(' ');
}
