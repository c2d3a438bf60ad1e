import type { TunnelStatus } from '../../src/model/tunnel';
import { requestJson, send } from './json-request';

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
  status: () => requestJson<TunnelStatus>('/api/tunnel'),
  start: (kind: Exclude<UiTunnelKind, 'ssh'>) => requestJson<TunnelStatus>('/api/tunnel/start', send('POST', { kind })),
  startSsh: (body: SshTunnelBody) => requestJson<TunnelStatus>('/api/tunnel/start', send('POST', { kind: 'ssh', ...body })),
  stop: () => requestJson<TunnelStatus>('/api/tunnel/stop', { method: 'POST' }),
};
