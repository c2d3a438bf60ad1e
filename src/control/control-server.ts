import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { CoreError } from '../errors.js';
import type { Core } from '../index.js';
import { checkControlRequest, isPublicUiFile } from './auth-gate.js';
import { sendError } from './error-reply.js';
import { registerDiffRoutes } from './diff-routes.js';
import { registerEndpointRoutes } from './endpoint-routes.js';
import { registerEventStream } from './event-stream.js';
import { registerExchangeRoutes } from './exchange-routes.js';
import { registerHarRoutes } from './har-routes.js';
import { registerPostmanRoutes } from './postman-routes.js';
import { registerProfileRoutes } from './profile-routes.js';
import { registerMetricsRoutes } from './metrics-routes.js';
import { registerTunnelRoutes } from './tunnel-routes.js';
import { registerReceiverRoutes } from './receiver-routes.js';
import { registerScenarioRoutes } from './scenario-routes.js';
import { registerSenderRoutes } from './sender-routes.js';
import { registerVerifyRoutes } from './verify-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';
import { registerStartupRoutes } from './startup-routes.js';
import { registerEnvironmentRoutes } from './environment-routes.js';
import { registerSavedViewRoutes } from './saved-view-routes.js';

/** Same-origin UI: a CSP for browser mode (Electron sets its own on top). */
const uiSecurityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export function buildControlServer(core: Core): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 16 * 1024 * 1024 });

  // The gate runs before everything, static files included; no CORS headers are ever sent.
  app.addHook('onRequest', async (request, reply) => {
    const port = (app.server.address() as { port: number } | null)?.port ?? 0;
    const refusal = checkControlRequest({ url: request.url, headers: request.headers }, { token: core.token, port });
    if (refusal) {
      const error = new CoreError(refusal);
      return reply.code(error.status).header('Content-Type', 'application/json').send(JSON.stringify(error.toJSON()));
    }
    return undefined;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (isPublicUiFile(request.url)) for (const [name, value] of Object.entries(uiSecurityHeaders)) reply.header(name, value);
    reply.header('Cache-Control', 'no-store');
    return payload;
  });
  app.setErrorHandler((error, _request, reply) => sendError(error as FastifyError, reply));

  void app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Postback Inspector control API', version: '1', description: 'Loopback only. Every /api request needs `Authorization: Bearer <token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  void app.register(async (api) => {
    registerExchangeRoutes(api, core);
    registerReceiverRoutes(api, core);
    registerEndpointRoutes(api, core.endpoints, core.profiles, core.endpointHits);
    registerDiffRoutes(api, core.comparison);
    registerProfileRoutes(api, { profiles: core.profiles });
    registerVerifyRoutes(api, { verdicts: core.verdicts });
    registerSenderRoutes(api, core.sender, { deleteExchanges: (ids) => core.deleteExchanges(ids) });
    registerMetricsRoutes(api, { metrics: core.metrics, secrets: () => core.profiles.allSecrets() });
    registerSettingsRoutes(api, { retention: core.retention });
    registerStartupRoutes(api, core);
    registerTunnelRoutes(api, core.tunnel);
    registerEventStream(api, core);
    registerHarRoutes(api, core);
    registerEnvironmentRoutes(api, core.environments);
    registerSavedViewRoutes(api, core.savedViews);
    registerPostmanRoutes(api, core.sender.templates);
    registerScenarioRoutes(api, { control: () => ({ url: core.controlUrl, token: core.token }) });
    api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });

  const uiDir = core.config.control.uiDir;
  if (uiDir && existsSync(uiDir)) {
    void app.register(fastifyStatic, { root: uiDir, index: 'index.html', cacheControl: false });
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain').send('Postback Inspector control API. The UI is not built: run `npm run build`.'),
    );
  }
  return app;
}
