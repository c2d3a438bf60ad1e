import Type from 'typebox';
import { defineRoutes, queryWords, typed } from '../route.js';
import { listFilterWords } from './exchanges.js';

const tags = ['exchanges', 'interop'];

export interface HarImportResult {
  imported: number;
  ids: number[];
  skipped: Array<{ index: number; url: string; reason: string }>;
}

export interface HarTemplateImportResult {
  templates: Array<{ id: number; name: string }>;
  skipped: Array<{ index: number; url: string; reason: string }>;
}

export const harRoutes = defineRoutes({
  exportHar: {
    method: 'GET',
    path: '/api/exchanges.har',
    description: 'The exchanges GET /api/exchanges would list (same filters, all pages, oldest first) as HAR 1.2, streamed',
    tags,
    // The list's filters, documented; read as the list reads them (filterFromQuery), refused only where it refuses.
    querystring: queryWords(listFilterWords),
    status: 200,
    produces: 'application/json',
    response: Type.Unsafe<unknown>({ type: 'object', description: 'A HAR 1.2 document, as an attachment' }),
  },
  importHar: {
    method: 'POST',
    path: '/api/import/har',
    description:
      'Import a HAR (JSON body): each http(s) entry becomes an exchange marked imported, or with `as=templates` a Composer template. Refused whole (400 INVALID_HAR, the JSON path of the first problem) when malformed.',
    tags,
    querystring: Type.Object({ as: Type.Optional(Type.Union([Type.Literal('exchanges'), Type.Literal('templates')])) }),
    input: typed<unknown>('A HAR 1.2 document'),
    status: 201,
    response: typed<HarImportResult | HarTemplateImportResult>('What was imported and what was skipped, with why'),
  },
});
