/**
 * POST /api/import/postman (issue #14): a Postman Collection v2.1 becomes Composer templates, all
 * or nothing, with a report of what each item could not carry and of the `{{variables}}` used.
 */
import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { TemplatesRepository } from '../store/templates-repository.js';
import type { PostmanImportResult } from '../model/postman-import.js';
import { PostmanError } from '../interop/postman/postman-check.js';
import { planPostmanImport, type PostmanImportPlan } from '../interop/postman/postman-import.js';
import { handle } from './typed-route.js';

/** Collections with saved example responses run to megabytes; parsed in memory either way. */
const importBodyLimit = 64 * 1024 * 1024;

export function registerPostmanRoutes(api: FastifyInstance, templates: Pick<TemplatesRepository, 'createMany'>): void {
  handle(
    api,
    'importPostman',
    async (request) => {
      let planned: PostmanImportPlan;
      try {
        planned = planPostmanImport(request.body);
      } catch (error) {
        if (error instanceof PostmanError) throw new CoreError('INVALID_POSTMAN_COLLECTION', error.message, [{ field: error.path, message: error.message }]);
        throw error;
      }
      const saved = templates.createMany(planned.templates);
      const result: PostmanImportResult = { collection: planned.collection, templates: saved.map((t) => ({ id: t.id, name: t.name })), warnings: planned.warnings, variables: planned.variables };
      return result;
    },
    { bodyLimit: importBodyLimit },
  );
}
