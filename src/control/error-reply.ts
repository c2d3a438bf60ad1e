import type { FastifyError, FastifyReply } from 'fastify';
import { CoreError, type ErrorCode } from '../errors.js';
import type { FieldError } from '../model/endpoint.js';
import { fieldPath, pointerSegments } from '../shared/json-pointer.js';

/**
 * Every refusal in the catalogue's shape (src/errors.ts). A request the route table's schemas
 * refuse is a BAD_REQUEST naming each field, as the services' own refusals do, so a form maps
 * either back the same way.
 */
export function sendError(error: FastifyError, reply: FastifyReply, options: { hideParserMessages?: boolean } = {}): FastifyReply {
  if (error instanceof CoreError) return reply.code(error.status).send(error.toJSON());
  const status = error.statusCode ?? 500;
  const fields = validationFields(error);
  if (fields) return reply.code(400).send(new CoreError('BAD_REQUEST', error.message, fields).toJSON());
  // Parser errors (FST_ERR_CTP_*) are the ones that could quote the body: on routes that carry secrets, replace them whole.
  const hidden = options.hideParserMessages === true && (status >= 500 || error.code?.startsWith('FST_ERR_CTP'));
  const message = !hidden ? error.message : status >= 500 ? 'Internal error' : 'The request body is not valid JSON';
  const code: ErrorCode = status === 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return reply.code(status).send({ error: { code, message } });
}

/** Fastify's schema refusal (`error.validation`) as fields: `body/kind must be string` → `kind`. */
function validationFields(error: FastifyError): FieldError[] | null {
  if (!Array.isArray(error.validation)) return null;
  const root = error.validationContext ?? 'body';
  return error.validation.map((v) => {
    const missing = (v.params as { missingProperty?: unknown } | undefined)?.missingProperty;
    const path = fieldPath(pointerSegments(`${v.instancePath}${typeof missing === 'string' ? `/${missing}` : ''}`));
    return { field: path || root, message: v.message ?? 'is not valid' };
  });
}
