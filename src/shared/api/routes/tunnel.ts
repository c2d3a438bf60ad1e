import Type from 'typebox';
import type { TunnelStatus } from '../../../model/tunnel.js';
import { defineRoutes, typed } from '../route.js';

const tags = ['tunnel'];
const status = typed<TunnelStatus>('The tunnel: {state, kind, publicUrl, error}');

export const tunnelRoutes = defineRoutes({
  getTunnel: { method: 'GET', path: '/api/tunnel', description: 'The tunnel: {state, kind, publicUrl, error}', tags, status: 200, response: status },
  startTunnel: {
    method: 'POST',
    path: '/api/tunnel/start',
    description: 'Start a tunnel to the receiver: `{ kind: "cloudflared" | "ngrok" | "ssh:user@host", publicUrl? }` (publicUrl is required for ssh). Answers once the public URL is known; 409 with the reason when the client is missing or fails',
    tags,
    body: Type.Object({
      kind: Type.String({ description: 'cloudflared, ngrok or ssh:<user@host>' }),
      sshDestination: Type.Optional(Type.String({ description: 'With kind "ssh": the user@host' })),
      publicUrl: Type.Optional(Type.String({ description: 'The URL the ssh host serves the tunnel at' })),
    }),
    status: 200,
    response: status,
  },
  stopTunnel: { method: 'POST', path: '/api/tunnel/stop', description: 'Stop the tunnel', tags, status: 200, response: status },
});
