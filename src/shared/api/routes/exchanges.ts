import Type from 'typebox';
import type { ExchangeDetail, ExchangePage } from '../../../model/exchange.js';
import { defineRoutes, IdParams, NoContent, queryWords, typed } from '../route.js';

const tags = ['exchanges'];

/** `param.<name>=<value>`: any key beyond the named ones. */
const paramEquals = Type.String({ description: '`param.<name>=<value>`: decoded query/form/JSON field equals value' });

/** The list's filters; GET /api/exchanges.har takes the same. */
export const listFilterWords = {
  q: 'Free text over URL and text bodies',
  method: 'HTTP method',
  path: 'Substring of the path',
  status: '`200` or a class like `4xx`',
  direction: '`in` or `out`',
  endpoint: 'Endpoint id that answered',
  duplicate: '`1`: only repeats of an already-seen correlation key',
  filter: 'Filter language, e.g. `param.payout>1.5 status>=400 -dup` (src/shared/filter-fields.ts); combines with the other params (AND). A 400 INVALID_FILTER names the column of the mistake.',
};

const listFilterProperties = {
  q: Type.Optional(Type.String({ description: listFilterWords.q })),
  method: Type.Optional(Type.String({ description: listFilterWords.method })),
  path: Type.Optional(Type.String({ description: listFilterWords.path })),
  status: Type.Optional(Type.String({ description: listFilterWords.status })),
  direction: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out')], { description: listFilterWords.direction })),
  endpoint: Type.Optional(Type.String({ description: listFilterWords.endpoint })),
  duplicate: Type.Optional(Type.Literal('1', { description: listFilterWords.duplicate })),
  filter: Type.Optional(Type.String({ description: listFilterWords.filter })),
};

const detail = typed<ExchangeDetail>('One exchange: raw headers, raw body (base64), decoded views, response');
const bytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'The bytes' });

export const exchangeRoutes = defineRoutes({
  listExchanges: {
    method: 'GET',
    path: '/api/exchanges',
    description: 'Captured exchanges, newest first, keyset-paginated',
    tags,
    querystring: Type.Object(
      {
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        before: Type.Optional(Type.String({ description: 'Cursor from a previous page (`next`)' })),
        ...listFilterProperties,
      },
      { additionalProperties: paramEquals },
    ),
    status: 200,
    response: typed<ExchangePage>('{items, next, total?, totalCapped?}'),
  },
  listParamNames: { method: 'GET', path: '/api/params', description: 'Param names seen in captures (indexed ones), for autocomplete', tags, status: 200, response: Type.Object({ names: Type.Array(Type.String()) }) },
  waitForExchange: {
    method: 'GET',
    path: '/api/exchanges/wait',
    description: 'Long-poll until a postback whose params match `param.<name>=<value>` arrives (200) or the timeout passes (408). The newest already-captured match is returned at once unless `since` (ms) excludes it.',
    tags,
    querystring: Type.Object(
      { timeout: Type.Optional(Type.Integer({ minimum: 0, maximum: 600000, default: 30000 })), since: Type.Optional(Type.Integer()) },
      { additionalProperties: Type.String() },
    ),
    status: 200,
    response: detail,
  },
  getExchange: { method: 'GET', path: '/api/exchanges/:id', description: 'One exchange: raw headers, raw body (base64), decoded views, response', tags, params: IdParams, status: 200, response: detail },
  getExchangeBody: {
    method: 'GET',
    path: '/api/exchanges/:id/body',
    description: 'The body bytes; `decoded=1` undoes Content-Encoding (422 DECODE_FAILED, with X-Decode-Error, when it cannot)',
    tags,
    params: IdParams,
    querystring: queryWords({ decoded: '1: the bytes with Content-Encoding undone' }),
    status: 200,
    produces: 'application/octet-stream',
    response: bytes,
  },
  getExchangeRaw: {
    method: 'GET',
    path: '/api/exchanges/:id/raw',
    description: 'The exact HTTP/1.1 request message as received',
    tags,
    params: IdParams,
    status: 200,
    produces: 'text/plain',
    response: bytes,
  },
  deleteExchange: { method: 'DELETE', path: '/api/exchanges/:id', tags, params: IdParams, status: 204, response: NoContent },
  clearExchanges: {
    method: 'DELETE',
    path: '/api/exchanges',
    description: 'Delete every captured exchange; `through=<id>`: only ids up to it',
    tags,
    querystring: queryWords({ through: 'Only ids up to this one (what arrived after the user cleared is kept)' }),
    status: 204,
    response: NoContent,
  },
});
