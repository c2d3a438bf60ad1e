import type { HarImportResult } from '../../src/shared/api/routes/har';
import { callApiRaw, callApiWithJsonText } from './call';
import { filterParams, type ListFilter } from './client';
import { saveResponse } from '../lib/download';

/**
 * Downloads the export: GET /api/exchanges.har takes the list's filters (see currentListFilter).
 * The bearer token must not go in a URL, so the file is fetched and handed
 * to the browser as a blob (a plain link could not carry the Authorization header).
 */
export async function downloadHar(filter: ListFilter): Promise<void> {
  const res = await callApiRaw('exportHar', { query: filterParams(filter) });
  await saveResponse(res, 'postbacks.har');
}

export type { HarImportResult };

/** The file goes as it is: the core checks it and answers with the JSON path of the first problem. */
export async function importHarFile(file: File): Promise<HarImportResult> {
  // Without `as=templates` the answer is the exchanges import's.
  return (await callApiWithJsonText('importHar', await file.text())) as HarImportResult;
}
