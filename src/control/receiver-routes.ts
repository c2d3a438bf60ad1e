import type { FastifyInstance } from 'fastify';
import type { Core } from '../index.js';
import { handle } from './typed-route.js';

/** The receiver routes pause, resume and report; nothing else. */
export type ReceiverRouteCore = Pick<Core, 'status' | 'pause' | 'resume'>;

export function registerReceiverRoutes(api: FastifyInstance, core: ReceiverRouteCore): void {
  handle(api, 'getStatus', async () => core.status());
  handle(api, 'pauseReceiver', async () => {
    core.pause();
    return core.status();
  });
  handle(api, 'resumeReceiver', async () => {
    core.resume();
    return core.status();
  });
}
