import { callApi } from './call';

/** Client kinds the UI offers: an SSH tunnel needs a destination and its public URL, so `serve --tunnel ssh:…` only. */
export type UiTunnelKind = 'cloudflared' | 'ngrok';

/** The tunnel to the receiver (src/control/tunnel-routes.ts). A refusal (409 TUNNEL_UNAVAILABLE) says why: no client installed… */
export const tunnelApi = {
  status: () => callApi('getTunnel'),
  start: (kind: UiTunnelKind) => callApi('startTunnel', { body: { kind } }),
  stop: () => callApi('stopTunnel'),
};
