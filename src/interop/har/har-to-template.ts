/**
 * One HAR entry → a Composer template: the request as the browser sent it, minus what the sender
 * computes itself on every send (pseudo-headers, Host, Content-Length, Connection). Checked by the
 * same parser as every other template, so an import can never store one the Composer cannot open.
 */
import type { TemplateSpec } from '../../model/sender.js';
import { guessDialect } from '../../sender/dialects.js';
import { parseTemplateSpec } from '../../sender/template-spec.js';
import { isValidUtf8 } from '../../shared/binary-string.js';
import { HarError } from './har-check.js';
import type { HarEntry } from './har-types.js';

const computedOnSend = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

export function templateFromEntry(entry: HarEntry, path: string): TemplateSpec {
  const { request } = entry;
  const url = request.url.replace(/#.*$/s, '');
  const headers = request.headers.filter((h) => !h.name.startsWith(':') && !computedOnSend.has(h.name.toLowerCase())).map((h): [string, string] => [h.name, h.value]);
  const postData = request.postData;
  let body = postData?.text ?? '';
  if (postData?.encoding === 'base64') {
    const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    if (!isValidUtf8(bytes)) throw new HarError(`${path}.request.postData.text`, 'a binary body cannot be a template (templates hold text)');
    body = bytes.toString('utf8');
  }
  const parsed = new URL(url);
  const name = `${request.method} ${parsed.host}${parsed.pathname}`.slice(0, 120);
  try {
    return parseTemplateSpec({ name, method: request.method, url, headers, bodyMode: body === '' ? 'none' : 'raw', body, dialect: guessDialect([url, ...headers.map(([n, v]) => `${n}: ${v}`), body].join('\n')) });
  } catch (error) {
    throw new HarError(`${path}.request`, (error as Error).message);
  }
}
