import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import { parseTunnelSpec } from '../tunnel/tunnel-kind.js';
import type { Tunnel } from '../tunnel/tunnel.js';
import { handle } from './typed-route.js';

/** Start/stop the tunnel from the UI. It exposes the receiver port only: these routes stay on loopback. */
export function registerTunnelRoutes(api: FastifyInstance, tunnel: Pick<Tunnel, 'start' | 'stop' | 'status'>): void {
  handle(api, 'getTunnel', async () => tunnel.status());

  // The table's schema has checked that `kind` is text (a refusal names the field).
  handle(api, 'startTunnel', async (request) => {
    const body = request.body;
    const spec = body.kind === 'ssh' && body.sshDestination !== undefined ? `ssh:${body.sshDestination}` : body.kind;
    const parsed = parseTunnelSpec(spec, body.publicUrl);
    if ('error' in parsed) throw new CoreError('BAD_REQUEST', parsed.error, [{ field: 'kind', message: parsed.error }]);
    const status = await tunnel.start(parsed);
    if (status.state === 'failed') throw new CoreError('TUNNEL_UNAVAILABLE', status.error ?? 'the tunnel client stopped');
    return status;
  });

  handle(api, 'stopTunnel', async () => {
    await tunnel.stop();
    return tunnel.status();
  });
}
