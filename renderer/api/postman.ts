import type { PostmanImportResult } from '../../src/model/postman-import';
import { requestJson } from './json-request';

/** Typed client for POST /api/import/postman (src/control/postman-routes.ts). */

/** The file goes as it is: the core checks it and answers with the JSON path of the first problem. */
export const importPostmanCollection = (text: string): Promise<PostmanImportResult> =>
  requestJson<PostmanImportResult>('/api/import/postman', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
