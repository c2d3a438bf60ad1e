import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { Retention } from '../index.js';
import { retentionErrors, toRetentionPolicy } from '../retention/policy.js';

/** Settings that persist in the data folder. Retention first: the rest of Settings builds on this route. */
export function registerSettingsRoutes(api: FastifyInstance, deps: { retention: Retention }): void {
  api.get('/api/settings/retention', { schema: { description: 'The retention policy (max age in days, max store bytes) and what it did', tags: ['settings'] } }, async () => deps.retention.status());
  api.put('/api/settings/retention', { schema: { description: 'Set the retention policy: {maxAgeDays, maxBytes}, null for no limit. Saved and applied at once; pinned baselines and unsent postbacks are never deleted', tags: ['settings'] } }, async (request) => {
    const fields = retentionErrors(request.body);
    if (fields.length > 0) throw new CoreError('BAD_REQUEST', fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; '), fields);
    deps.retention.setPolicy(toRetentionPolicy(request.body as Record<string, unknown>));
    return deps.retention.status();
  });
  api.post('/api/settings/retention/run', { schema: { description: 'Apply the retention policy now; answers how many exchanges it deleted', tags: ['settings'] } }, async () => ({ deleted: await deps.retention.runNow() }));
}
