import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { TunnelStatus } from '../model/tunnel.js';
import { sshTunnelRequest } from '../tunnel/ssh-tunnel-input.js';
import { parseTunnelSpec, type TunnelRequest } from '../tunnel/tunnel-kind.js';
import type { Tunnel } from '../tunnel/tunnel.js';

const tags = ['tunnel'];

/** Start/stop the tunnel from the UI. It exposes the receiver port only: these routes stay on loopback. */
export function registerTunnelRoutes(api: FastifyInstance, tunnel: Pick<Tunnel, 'start' | 'stop' | 'status'>): void {
  api.get('/api/tunnel', { schema: { description: 'The tunnel: {state, kind, publicUrl, error}', tags } }, async (): Promise<TunnelStatus> => tunnel.status());

  api.post(
    '/api/tunnel/start',
    { schema: { description: 'Start a tunnel to the receiver: `{ kind: "cloudflared" | "ngrok" | "ssh:user@host[:remote-port]", publicUrl? }`, or `{ kind: "ssh", sshUser?, sshHost, remotePort?, publicUrl }` (errors per field); publicUrl is required for ssh. Answers once the public URL is known; 409 with the reason when the client is missing or fails', tags } },
    async (request): Promise<TunnelStatus> => {
      const body = (request.body ?? {}) as { kind?: unknown; sshDestination?: unknown; sshUser?: unknown; sshHost?: unknown; remotePort?: unknown; publicUrl?: unknown };
      if (typeof body.kind !== 'string') throw new CoreError('BAD_REQUEST', 'kind is cloudflared, ngrok or ssh:<user@host>');
      const status = await tunnel.start(body.kind === 'ssh' && body.sshHost !== undefined ? sshFromFields(body) : fromSpec(body));
      if (status.state === 'failed') throw new CoreError('TUNNEL_UNAVAILABLE', status.error ?? 'the tunnel client stopped');
      return status;
    },
  );

  /** The UI's form: each field checked apart, each error under its own field. */
  function sshFromFields(body: { sshUser?: unknown; sshHost?: unknown; remotePort?: unknown; publicUrl?: unknown }): TunnelRequest {
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    const port = body.remotePort === undefined || body.remotePort === null ? undefined : typeof body.remotePort === 'number' ? body.remotePort : Number.NaN;
    const parsed = sshTunnelRequest({ user: text(body.sshUser), host: text(body.sshHost), remotePort: port, publicUrl: text(body.publicUrl) });
    if ('errors' in parsed) throw new CoreError('BAD_REQUEST', parsed.errors.map((e) => e.message).join('; '), parsed.errors);
    return parsed;
  }

  function fromSpec(body: { kind?: unknown; sshDestination?: unknown; publicUrl?: unknown }): TunnelRequest {
    const spec = body.kind === 'ssh' && typeof body.sshDestination === 'string' ? `ssh:${body.sshDestination}` : String(body.kind);
    const parsed = parseTunnelSpec(spec, typeof body.publicUrl === 'string' ? body.publicUrl : undefined);
    if ('error' in parsed) throw new CoreError('BAD_REQUEST', parsed.error, [{ field: 'kind', message: parsed.error }]);
    return parsed;
  }

  api.post('/api/tunnel/stop', { schema: { description: 'Stop the tunnel', tags } }, async (): Promise<TunnelStatus> => {
    await tunnel.stop();
    return tunnel.status();
  });
}
