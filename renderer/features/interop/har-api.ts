import { filterQueryString, type ListFilter } from '../../api/client';
import { errorMessage, json, request } from '../../api/http';
import { saveResponse } from '../../lib/download';

/**
 * Downloads the export: GET /api/exchanges.har takes the list's filters (see currentListFilter).
 * The bearer token must not go in a URL, so the file is fetched and handed
 * to the browser as a blob (a plain link could not carry the Authorization header).
 */
export async function downloadHar(filter: ListFilter): Promise<void> {
  const res = await request(`/api/exchanges.har?${filterQueryString(filter)}`);
  await saveResponse(res, 'postbacks.har');
}

export interface HarImportResult {
  imported: number;
  skipped: Array<{ index: number; url: string; reason: string }>;
}

/** The file goes as it is: the core checks it and answers with the JSON path of the first problem. */
export async function importHarFile(file: File): Promise<HarImportResult> {
  return json<HarImportResult>('/api/import/har', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: await file.text() });
}

export { errorMessage };
