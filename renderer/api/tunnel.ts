import type { TunnelStatus } from '../../src/model/tunnel';
import { requestJson, send } from './json-request';

/** Client kinds the UI offers: an SSH tunnel needs a destination and its public URL, so `serve --tunnel ssh:…` only. */
export type UiTunnelKind = 'cloudflared' | 'ngrok';

/** The tunnel to the receiver (src/control/tunnel-routes.ts). A refusal (409 TUNNEL_UNAVAILABLE) says why: no client installed… */
export const tunnelApi = {
  status: () => requestJson<TunnelStatus>('/api/tunnel'),
  start: (kind: UiTunnelKind) => requestJson<TunnelStatus>('/api/tunnel/start', send('POST', { kind })),
  stop: () => requestJson<TunnelStatus>('/api/tunnel/stop', { method: 'POST' }),
};
