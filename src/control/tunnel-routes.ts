import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import { sshTunnelRequest } from '../tunnel/ssh-tunnel-input.js';
import { parseTunnelSpec, type TunnelRequest } from '../tunnel/tunnel-kind.js';
import type { Tunnel } from '../tunnel/tunnel.js';
import { handle } from './typed-route.js';

/** Start/stop the tunnel from the UI. It exposes the receiver port only: these routes stay on loopback. */
export function registerTunnelRoutes(api: FastifyInstance, tunnel: Pick<Tunnel, 'start' | 'stop' | 'status'>): void {
  handle(api, 'getTunnel', async () => tunnel.status());

  // The table's schema has checked the fields' types (a refusal names the field).
  handle(api, 'startTunnel', async (request) => {
    const body = request.body;
    const status = await tunnel.start(body.kind === 'ssh' && body.sshHost !== undefined ? sshFromFields(body) : fromSpec(body));
    if (status.state === 'failed') throw new CoreError('TUNNEL_UNAVAILABLE', status.error ?? 'the tunnel client stopped');
    return status;
  });

  /** The UI's form: each field checked apart, each error under its own field. */
  function sshFromFields(body: { sshUser?: string; sshHost?: string; remotePort?: number | null; publicUrl?: string }): TunnelRequest {
    const parsed = sshTunnelRequest({ user: body.sshUser ?? '', host: body.sshHost ?? '', remotePort: body.remotePort ?? undefined, publicUrl: body.publicUrl ?? '' });
    if ('errors' in parsed) throw new CoreError('BAD_REQUEST', parsed.errors.map((e) => e.message).join('; '), parsed.errors);
    return parsed;
  }

  function fromSpec(body: { kind: string; sshDestination?: string; publicUrl?: string }): TunnelRequest {
    const spec = body.kind === 'ssh' && body.sshDestination !== undefined ? `ssh:${body.sshDestination}` : body.kind;
    const parsed = parseTunnelSpec(spec, body.publicUrl);
    if ('error' in parsed) throw new CoreError('BAD_REQUEST', parsed.error, [{ field: 'kind', message: parsed.error }]);
    return parsed;
  }

  handle(api, 'stopTunnel', async () => {
    await tunnel.stop();
    return tunnel.status();
  });
}
