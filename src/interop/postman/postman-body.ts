/**
 * A Postman request body → the template's body text, body mode and the Content-Type Postman would
 * add when the request sets none. Template bodies are text: file bodies and file form fields
 * cannot be carried and come back as warnings.
 */
import type { BodyMode } from '../../model/sender.js';
import type { PostmanBody, PostmanKeyValue } from './postman-types.js';

export interface BodyResult {
  bodyMode: BodyMode;
  body: string;
  /** Added by Postman when the request has no Content-Type of its own. */
  contentType: string | null;
  warnings: string[];
}

/** What Postman sends for each raw "language" it offers (JSON goes through the template's json mode). */
const rawTypes: Record<string, string> = { text: 'text/plain', javascript: 'application/javascript', html: 'text/html', xml: 'application/xml' };

/** A fixed boundary: the template's bytes are the same on every send (Postman draws a new one each time). */
export const formBoundary = '--------------------------postback-inspector-form';

const none: BodyResult = { bodyMode: 'none', body: '', contentType: null, warnings: [] };

/** Percent-encodes literal text and keeps `{{variables}}` whole, so they stay macros for the Composer. */
function formEncode(text: string): string {
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
    .join('');
}

const enabled = <T extends { disabled?: boolean }>(list: T[] | undefined): T[] => (list ?? []).filter((x) => x.disabled !== true);

function urlencoded(fields: PostmanKeyValue[] | undefined): BodyResult {
  const body = enabled(fields)
    .map((f) => `${formEncode(f.key ?? '')}=${formEncode(f.value ?? '')}`)
    .join('&');
  return { ...none, bodyMode: body === '' ? 'none' : 'form', body };
}

function formdata(body: PostmanBody): BodyResult {
  const warnings: string[] = [];
  const parts: string[] = [];
  for (const field of enabled(body.formdata)) {
    if (field.type === 'file') {
      warnings.push(`form-data field "${field.key}" is a file: templates hold text, so it was left out`);
      continue;
    }
    const type = field.contentType ? `\r\nContent-Type: ${field.contentType}` : '';
    parts.push(`--${formBoundary}\r\nContent-Disposition: form-data; name="${field.key.replace(/"/g, '%22')}"${type}\r\n\r\n${field.value ?? ''}\r\n`);
  }
  if (parts.length === 0) return { ...none, warnings };
  return { bodyMode: 'raw', body: `${parts.join('')}--${formBoundary}--\r\n`, contentType: `multipart/form-data; boundary=${formBoundary}`, warnings };
}

function graphql(body: PostmanBody): BodyResult {
  const query = body.graphql?.query ?? '';
  const raw = body.graphql?.variables;
  // The variables text may hold unquoted {{x}}: it is kept as written and parsed after expansion.
  const variables = typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : '{}';
  return { bodyMode: 'json', body: `{"query":${JSON.stringify(query)},"variables":${variables}}`, contentType: null, warnings: [] };
}

export function bodyParts(body: PostmanBody | null | undefined): BodyResult {
  if (!body || body.disabled === true || body.mode === undefined) return none;
  switch (body.mode) {
    case 'raw': {
      const text = body.raw ?? '';
      if (text === '') return none;
      const language = body.options?.raw?.language ?? 'text';
      if (language === 'json') return { ...none, bodyMode: 'json', body: text };
      return { ...none, bodyMode: 'raw', body: text, contentType: rawTypes[language] ?? 'text/plain' };
    }
    case 'urlencoded':
      return urlencoded(body.urlencoded);
    case 'formdata':
      return formdata(body);
    case 'graphql':
      return graphql(body);
    case 'file':
      return { ...none, warnings: ['the body is a file: templates hold text, so the template has no body'] };
  }
}
