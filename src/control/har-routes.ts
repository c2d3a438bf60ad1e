/**
 * HAR 1.2 in and out (issue #14): GET /api/exchanges.har streams the exchanges the list filter
 * selects; POST /api/import/har stores a HAR's entries as imported exchanges (or, with
 * ?as=templates, as Composer templates), all or nothing.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { Core } from '../index.js';
import { HarError } from '../interop/har/har-check.js';
import { planExchangeImport, planTemplateImport } from '../interop/har/har-import.js';
import { harChunks } from '../interop/har/har-stream.js';
import { filterFromQuery } from './exchange-routes.js';
import { handle } from './typed-route.js';

type Query = Record<string, string | string[] | undefined>;

/** HAR files from a long browser session are large; the import parses one in memory anyway. */
const importBodyLimit = 256 * 1024 * 1024;

const creator = { name: 'Postback Inspector', version: '1' };

function refuse(error: unknown): never {
  if (error instanceof HarError) throw new CoreError('INVALID_HAR', error.message, [{ field: error.path, message: error.message }]);
  throw error;
}

/** HAR in and out: exchange queries and verdicts to export, the core's one import path, templates. */
export type HarRouteCore = Pick<Core, 'exchanges' | 'verdicts' | 'receiverUrl' | 'sender' | 'importExchanges' | 'exportExtras'>;

export function registerHarRoutes(api: FastifyInstance, core: HarRouteCore): void {

  handle(api, 'exportHar', async (request, reply) => {
    const filter = filterFromQuery(request.query as Query);
    const source = {
      list: (f: typeof filter) => core.exchanges.list(f),
      get: (id: number) => core.exchanges.get(id),
      extras: (ids: readonly number[]) => core.exportExtras(ids),
      verdicts: (ids: readonly number[]) => core.verdicts.summaries(ids),
      maxId: () => core.exchanges.maxId(),
    };
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="postbacks-${stamp}.har"`)
      .send(Readable.from(harChunks(source, filter, { receiverOrigin: core.receiverUrl, creator })));
  });

  handle(api, 'importHar', async (request) => {
    const as = (request.query as Query)['as'] === 'templates' ? 'templates' : 'exchanges';
    if (as === 'templates') {
      let planned: ReturnType<typeof planTemplateImport>;
      try {
        planned = planTemplateImport(request.body);
      } catch (error) {
        refuse(error);
      }
      const saved = core.sender.templates.createMany(planned.items);
      return { templates: saved.map((t) => ({ id: t.id, name: t.name })), skipped: planned.skipped };
    }
    let planned: ReturnType<typeof planExchangeImport>;
    try {
      planned = planExchangeImport(request.body);
    } catch (error) {
      refuse(error);
    }
    const ids = core.importExchanges(planned.items);
    return { imported: ids.length, ids, skipped: planned.skipped };
  }, { bodyLimit: importBodyLimit });
}
