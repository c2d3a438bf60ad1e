/** `serve --tunnel [client]`: starts it before the ready line, so that line can carry the public URL. */
import type { Tunnel } from './tunnel.js';
import { parseTunnelSpec } from './tunnel-kind.js';

/** The public URL, or null (the reason went to stderr: the app keeps running without a tunnel). A bad spec throws. */
export async function startServeTunnel(tunnel: Pick<Tunnel, 'start'>, spec: string | true, publicUrl: string | undefined, stderr: (text: string) => void): Promise<string | null> {
  const request = parseTunnelSpec(spec === true ? 'cloudflared' : spec, publicUrl);
  if ('error' in request) throw new Error(`--tunnel: ${request.error}`);
  const status = await tunnel.start(request);
  if (status.state !== 'running') stderr(`tunnel not started: ${status.error ?? 'unknown reason'}\n`);
  return status.publicUrl;
}
