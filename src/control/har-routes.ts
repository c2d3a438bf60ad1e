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
import { HarRowsRepository } from '../store/har-rows-repository.js';
import { filterFromQuery } from './exchange-routes.js';
import { handle } from './typed-route.js';
import type { StoredExchange } from '../store/exchange-record.js';

type Query = Record<string, string | string[] | undefined>;

/** HAR files from a long browser session are large; the import parses one in memory anyway. */
const importBodyLimit = 256 * 1024 * 1024;

const creator = { name: 'Postback Inspector', version: '1' };

function refuse(error: unknown): never {
  if (error instanceof HarError) throw new CoreError('INVALID_HAR', error.message, [{ field: error.path, message: error.message }]);
  throw error;
}

export function registerHarRoutes(api: FastifyInstance, core: Core): void {
  const rows = new HarRowsRepository(core.db, core.exchanges);

  handle(api, 'exportHar', async (request, reply) => {
    const filter = filterFromQuery(request.query as Query);
    const source = {
      list: (f: typeof filter) => core.exchanges.list(f),
      get: (id: number) => core.exchanges.get(id),
      extras: (ids: readonly number[]) => rows.extras(ids),
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
      const saved = core.db.transaction(() => planned.items.map((spec) => core.sender.templates.create(spec))).immediate();
      return { templates: saved.map((t) => ({ id: t.id, name: t.name })), skipped: planned.skipped };
    }
    let planned: ReturnType<typeof planExchangeImport>;
    try {
      planned = planExchangeImport(request.body);
    } catch (error) {
      refuse(error);
    }
    const ids = rows.insertImported(planned.items);
    if (ids.length > 0) {
      // As after a group commit: the derivation thread indexes and judges them, the UI lists them.
      // Capture waiters are not told: an imported postback did not arrive now.
      const stored: StoredExchange[] = planned.items.map((item, i) => ({ ...item.record, id: ids[i]! }));
      core.derived.committed(ids.length, ids[ids.length - 1]!);
      core.events.emit('committed', stored);
    }
    return { imported: ids.length, ids, skipped: planned.skipped };
  }, { bodyLimit: importBodyLimit });
}
