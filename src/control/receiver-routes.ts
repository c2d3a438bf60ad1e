import type { FastifyInstance } from 'fastify';
import type { Core } from '../index.js';

export function registerReceiverRoutes(api: FastifyInstance, core: Core): void {
  api.get('/api/status', { schema: { description: 'Receiver state, store size, index lag, capture rate', tags: ['status'] } }, async () => core.status());
  api.post('/api/receiver/pause', { schema: { description: 'Stop capturing: the receiver answers 503 with Retry-After until resumed', tags: ['receiver'] } }, async () => {
    core.pause();
    return core.status();
  });
  api.post('/api/receiver/resume', { schema: { description: 'Capture again', tags: ['receiver'] } }, async () => {
    core.resume();
    return core.status();
  });
}
