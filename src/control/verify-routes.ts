import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import { getScheme, listSchemes } from '../signatures/index.js';
import type { VerdictService } from '../verdicts/verdict-service.js';
import { secretSafeErrors } from './profile-routes.js';

const tags = ['verdicts'];

export interface VerifyRouteDeps {
  verdicts: VerdictService;
}

export function registerVerifyRoutes(api: FastifyInstance, deps: VerifyRouteDeps): void {
  const { verdicts } = deps;

  api.get('/api/exchanges/:id/verdict', { schema: { description: "An exchange's verdict: signature (with explain), per-param checks, always-on issues", tags } }, async (request) => {
    const raw = (request.params as { id?: string }).id ?? '';
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not an exchange id`);
    const verdict = verdicts.verdictFor(Number(raw));
    if (!verdict) throw new CoreError('NOT_FOUND', `verdict for exchange ${raw} (no such captured exchange)`);
    return verdict;
  });

  api.get(
    '/api/verdicts',
    { schema: { description: 'Verdict badges for a page of the list: `ids=1,2,3` (absent ids have no verdict yet)', tags, querystring: { type: 'object', properties: { ids: { type: 'string' } } } } },
    async (request) => {
      const ids = String((request.query as { ids?: string }).ids ?? '')
        .split(',')
        .filter((s) => /^\d+$/.test(s))
        .slice(0, 1000)
        .map(Number);
      return verdicts.summaries(ids);
    },
  );

  api.post(
    '/api/verify',
    {
      schema: {
        description:
          'Verify a raw HTTP request (`raw` text or `rawBase64`) or a captured one (`exchangeId`) with a `scheme` + `options`, a `profileId` or an unsaved `profile`, and optionally a `secret`; `now` (unix s) and `url` (as signed) are optional. Answers the verdict with the signature explain; secrets come back masked.',
        tags,
      },
      errorHandler: secretSafeErrors,
    },
    async (request) => verdicts.verify(request.body),
  );

  api.get('/api/signature-schemes', { schema: { description: 'Signature schemes with their sources and default options', tags } }, async () =>
    listSchemes().map((s) => ({ ...s, defaults: getScheme(s.id)?.defaults ?? {} })),
  );
}
