import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { Retention } from '../index.js';
import { retentionErrors, toRetentionPolicy } from '../retention/policy.js';
import { handle } from './typed-route.js';

/** Settings that persist in the data folder. Retention first: the rest of Settings builds on this route. */
export function registerSettingsRoutes(api: FastifyInstance, deps: { retention: Retention }): void {
  handle(api, 'getRetention', async () => deps.retention.status());
  handle(api, 'putRetention', async (request) => {
    const fields = retentionErrors(request.body);
    if (fields.length > 0) throw new CoreError('BAD_REQUEST', fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; '), fields);
    deps.retention.setPolicy(toRetentionPolicy(request.body as Record<string, unknown>));
    return deps.retention.status();
  });
  handle(api, 'runRetention', async () => ({ deleted: await deps.retention.runNow() }));
}
