import type { CoreStatus } from '../../../model/exchange.js';
import { defineRoutes, typed } from '../route.js';

const status = typed<CoreStatus>('Receiver state, store size, index lag, capture rate');

export const receiverRoutes = defineRoutes({
  getStatus: { method: 'GET', path: '/api/status', description: 'Receiver state, store size, index lag, capture rate', tags: ['status'], status: 200, response: status },
  pauseReceiver: { method: 'POST', path: '/api/receiver/pause', description: 'Stop capturing: the receiver answers 503 with Retry-After until resumed', tags: ['receiver'], status: 200, response: status },
  resumeReceiver: { method: 'POST', path: '/api/receiver/resume', description: 'Capture again', tags: ['receiver'], status: 200, response: status },
});
