import { callApi } from './call';

/** Client kinds the UI offers; ssh takes its server, remote port and public URL from a form (startSsh). */
export type UiTunnelKind = 'cloudflared' | 'ngrok' | 'ssh';

/** An SSH reverse tunnel as the form gives it; refusals name the field (`sshHost`, `remotePort`…). */
export interface SshTunnelBody {
  sshUser: string;
  sshHost: string;
  remotePort?: number;
  publicUrl: string;
}

/** The tunnel to the receiver (src/control/tunnel-routes.ts). A refusal (409 TUNNEL_UNAVAILABLE) says why: no client installed… */
export const tunnelApi = {
  status: () => callApi('getTunnel'),
  start: (kind: Exclude<UiTunnelKind, 'ssh'>) => callApi('startTunnel', { body: { kind } }),
  startSsh: (body: SshTunnelBody) => callApi('startTunnel', { body: { kind: 'ssh', ...body } }),
  stop: () => callApi('stopTunnel'),
};
