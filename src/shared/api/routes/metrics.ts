import Type from 'typebox';
import type { ExpectedImport, FailuresPage, MetricsResult, Reconciliation } from '../../../model/metrics.js';
import { defineRoutes, IdParams, NoContent, queryWords, typed } from '../route.js';

const tags = ['metrics'];

/** The window and filters every metrics route takes (src/metrics/filter-params.ts parses them). */
const filterWords = {
  from: 'Window start: ms, unix s, ISO, or relative like -1h',
  to: 'Window end: the same forms, or now',
  direction: 'in or out',
  endpoint: 'Endpoint id',
  profile: 'Profile id',
  template: 'Template id',
  bucket: 'Series bucket (minute, hour, day)',
  import: 'Expected-conversions import id, for accuracy and reconciliation',
};

export const metricsRoutes = defineRoutes({
  getMetrics: {
    method: 'GET',
    path: '/api/metrics',
    description: 'KPIs of both sides (delivery rate, response time p50/p90/p99/mean, accuracy rate, duplicates, attempts, failure reasons, macros), series and histogram. `from`/`to` (ms, unix s, ISO, -1h, now), `direction`, `endpoint`, `profile`, `template`, `bucket`, `import`',
    tags,
    querystring: queryWords(filterWords),
    status: 200,
    response: typed<MetricsResult>('KPIs, series and histogram of the window'),
  },
  getMetricsFailures: {
    method: 'GET',
    path: '/api/metrics/failures',
    description: 'Postbacks with problems, newest first: `kind` (delivery,retried,answer,verdict,mismatch,macro,duplicate,clock), `before` cursor, `limit`, plus the metrics filters',
    tags,
    querystring: queryWords({ ...filterWords, kind: 'Comma-separated problem kinds', before: 'Cursor from a previous page', limit: 'Page size, 1 to 1000 (default 100)' }),
    status: 200,
    response: typed<FailuresPage>('A page of postbacks with problems'),
  },
  listExpectedImports: { method: 'GET', path: '/api/expected', description: 'Imported lists of expected conversions, newest first', tags, status: 200, response: typed<ExpectedImport[]>('Every import', { type: 'array' }) },
  importExpected: {
    method: 'POST',
    path: '/api/expected',
    description: 'Import expected conversions: a CSV body (text/csv) or JSON (an array, {conversions}, or {name, text, format}); `?name=`',
    tags,
    querystring: queryWords({ name: 'A name for the import' }),
    input: typed<{ name?: string; text: string; format?: 'csv' | 'json' }>('{name?, text, format?}; or a CSV body (text/csv), or the conversions as JSON', {
      type: 'object',
      required: ['text'],
      properties: { name: { type: 'string' }, text: { type: 'string' }, format: { enum: ['csv', 'json'] } },
    }),
    status: 201,
    response: typed<ExpectedImport>('The import, with what was read and what was refused'),
  },
  deleteExpectedImport: { method: 'DELETE', path: '/api/expected/:id', tags, params: IdParams, status: 204, response: NoContent },
  getReconciliation: {
    method: 'GET',
    path: '/api/reconciliation',
    description: 'Missing, unexpected, duplicated, mismatched and reversed conversions of an import (`import`, required) in a window, each with exchange ids',
    tags,
    querystring: queryWords(filterWords),
    status: 200,
    response: typed<Reconciliation>('The reconciliation of the import against the captures'),
  },
  getReport: {
    method: 'GET',
    path: '/api/report',
    description: 'Integration report for a window and filters: `format` html (default, self-contained), csv or json rows; secrets masked',
    tags,
    querystring: queryWords({ ...filterWords, format: 'html (default), csv or json' }),
    status: 200,
    produces: 'text/html',
    response: Type.Unsafe<string>({ type: 'string', description: 'The report file (HTML, CSV or JSON rows), as an attachment' }),
  },
});
