import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { TunnelStatus } from '../model/tunnel.js';
import { parseTunnelSpec } from '../tunnel/tunnel-kind.js';
import type { Tunnel } from '../tunnel/tunnel.js';

const tags = ['tunnel'];

/** Start/stop the tunnel from the UI. It exposes the receiver port only: these routes stay on loopback. */
export function registerTunnelRoutes(api: FastifyInstance, tunnel: Pick<Tunnel, 'start' | 'stop' | 'status'>): void {
  api.get('/api/tunnel', { schema: { description: 'The tunnel: {state, kind, publicUrl, error}', tags } }, async (): Promise<TunnelStatus> => tunnel.status());

  api.post(
    '/api/tunnel/start',
    { schema: { description: 'Start a tunnel to the receiver: `{ kind: "cloudflared" | "ngrok" | "ssh:user@host", publicUrl? }` (publicUrl is required for ssh). Answers once the public URL is known; 409 with the reason when the client is missing or fails', tags } },
    async (request): Promise<TunnelStatus> => {
      const body = (request.body ?? {}) as { kind?: unknown; sshDestination?: unknown; publicUrl?: unknown };
      if (typeof body.kind !== 'string') throw new CoreError('BAD_REQUEST', 'kind is cloudflared, ngrok or ssh:<user@host>');
      const spec = body.kind === 'ssh' && typeof body.sshDestination === 'string' ? `ssh:${body.sshDestination}` : body.kind;
      const parsed = parseTunnelSpec(spec, typeof body.publicUrl === 'string' ? body.publicUrl : undefined);
      if ('error' in parsed) throw new CoreError('BAD_REQUEST', parsed.error, [{ field: 'kind', message: parsed.error }]);
      const status = await tunnel.start(parsed);
      if (status.state === 'failed') throw new CoreError('TUNNEL_UNAVAILABLE', status.error ?? 'the tunnel client stopped');
      return status;
    },
  );

  api.post('/api/tunnel/stop', { schema: { description: 'Stop the tunnel', tags } }, async (): Promise<TunnelStatus> => {
    await tunnel.stop();
    return tunnel.status();
  });
}
