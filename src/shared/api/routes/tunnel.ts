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
    description:
      'Start a tunnel to the receiver: `{ kind: "cloudflared" | "ngrok" | "ssh:user@host[:remote-port]", publicUrl? }`, or `{ kind: "ssh", sshUser?, sshHost, remotePort?, publicUrl }` (errors per field); publicUrl is required for ssh. Answers once the public URL is known; 409 with the reason when the client is missing or fails',
    tags,
    body: Type.Object({
      kind: Type.String({ description: 'cloudflared, ngrok, ssh:<user@host[:port]>, or ssh with the fields below' }),
      sshDestination: Type.Optional(Type.String({ description: 'With kind "ssh": the user@host' })),
      sshUser: Type.Optional(Type.String({ description: 'With kind "ssh" (the UI form): the login on the ssh host' })),
      sshHost: Type.Optional(Type.String({ description: 'With kind "ssh" (the UI form): the ssh host' })),
      remotePort: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'With kind "ssh": the port the ssh host listens on for the tunnel (80 unless given)' })),
      publicUrl: Type.Optional(Type.String({ description: 'The URL the ssh host serves the tunnel at' })),
    }),
    status: 200,
    response: status,
  },
  stopTunnel: { method: 'POST', path: '/api/tunnel/stop', description: 'Stop the tunnel', tags, status: 200, response: status },
});
