import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import { getScheme, listSchemes } from '../signatures/index.js';
import type { VerdictService } from '../verdicts/verdict-service.js';
import { secretSafeErrors } from './profile-routes.js';
import { handle } from './typed-route.js';

export interface VerifyRouteDeps {
  verdicts: VerdictService;
}

export function registerVerifyRoutes(api: FastifyInstance, deps: VerifyRouteDeps): void {
  const { verdicts } = deps;

  handle(api, 'getVerdict', async (request) => {
    const raw = request.params.id;
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not an exchange id`);
    const verdict = verdicts.verdictFor(Number(raw));
    if (!verdict) throw new CoreError('NOT_FOUND', `verdict for exchange ${raw} (no such captured exchange)`);
    return verdict;
  });

  handle(api, 'listVerdicts', async (request) => {
    const ids = (request.query.ids ?? '')
      .split(',')
      .filter((s) => /^\d+$/.test(s))
      .slice(0, 1000)
      .map(Number);
    return verdicts.summaries(ids);
  });

  handle(api, 'verify', async (request) => verdicts.verify(request.body), { errorHandler: secretSafeErrors });

  handle(api, 'listSignatureSchemes', async () => listSchemes().map((s) => ({ ...s, defaults: (getScheme(s.id)?.defaults ?? {}) as Record<string, unknown> })));
}
