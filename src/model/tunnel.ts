/** GET /api/tunnel, and `tunnel` in GET /api/status. */
export interface TunnelStatus {
  state: 'stopped' | 'starting' | 'running' | 'failed';
  kind: 'cloudflared' | 'ngrok' | 'ssh' | null;
  /** Where partners post (it reaches the receiver only, never the control API). */
  publicUrl: string | null;
  /** Why it is not running: no client installed, the client exited, no URL in time. */
  error: string | null;
}

/** In an exchange's detail: the request arrived through a tunnel (read from its captured headers). */
export interface TunnelArrival {
  /** Which forwarder the headers name. */
  via: 'cloudflare' | 'ngrok' | 'tunnel';
  /** The partner's address as the tunnel reports it (Cf-Connecting-IP, X-Forwarded-For); null when it does not say. */
  clientAddress: string | null;
}
