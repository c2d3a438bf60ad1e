/**
 * The control API's one route table: every JSON (and file) route, keyed by a name the renderer
 * calls it by. Families live in routes/*.ts; a new family adds its file and one spread here.
 */
import { diffRoutes } from './routes/diff.js';
import { endpointRoutes } from './routes/endpoints.js';
import { environmentRoutes, savedViewRoutes } from './routes/environments.js';
import { exchangeRoutes } from './routes/exchanges.js';
import { harRoutes } from './routes/har.js';
import { metricsRoutes } from './routes/metrics.js';
import { postmanRoutes } from './routes/postman.js';
import { profileRoutes } from './routes/profiles.js';
import { receiverRoutes } from './routes/receiver.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { senderRoutes } from './routes/sender.js';
import { settingsRoutes } from './routes/settings.js';
import { tunnelRoutes } from './routes/tunnel.js';
import { verifyRoutes } from './routes/verify.js';

export const apiRoutes = {
  ...exchangeRoutes,
  ...harRoutes,
  ...settingsRoutes,
  ...verifyRoutes,
  ...tunnelRoutes,
  ...receiverRoutes,
  ...profileRoutes,
  ...endpointRoutes,
  ...metricsRoutes,
  ...senderRoutes,
  ...diffRoutes,
  ...scenarioRoutes,
  ...environmentRoutes,
  ...savedViewRoutes,
  ...postmanRoutes,
} as const;

export type ApiRoutes = typeof apiRoutes;
export type ApiRouteName = keyof ApiRoutes;

/**
 * Server-Sent Events streams: outside the table (their answer is a stream the SSE reader parses,
 * not a document), named here so the server and the renderer share the path.
 */
export const streamPaths = {
  events: '/api/events',
  senderEvents: '/api/sender/events',
  metricsEvents: '/api/metrics/events',
} as const;

export type { ApiRoute, BodyOf, ParamsOf, QueryOf, ResponseOf, TextPosition } from './route.js';
