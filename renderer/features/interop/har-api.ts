import { errorMessage, json, request } from '../../api/http';
import { validExpression, type Filters } from '../../store/filters';
import { saveResponse } from '../../lib/download';

/** The Inbox filters in the list API's words: GET /api/exchanges.har takes the same ones. */
export function harQuery(filters: Filters): string {
  const sp = new URLSearchParams();
  // The search box speaks the filter language, as the list request does (a typo exports nothing new).
  const expression = validExpression(filters.text);
  if (expression) sp.set('filter', expression);
  if (filters.method) sp.set('method', filters.method);
  if (filters.status.trim()) sp.set('status', filters.status.trim());
  if (filters.path.trim()) sp.set('path', filters.path.trim());
  for (const p of filters.params) sp.append(`param.${p.name}`, p.value);
  return sp.toString();
}

/**
 * Downloads the export. The bearer token must not go in a URL, so the file is fetched and handed
 * to the browser as a blob (a plain link could not carry the Authorization header).
 */
export async function downloadHar(filters: Filters): Promise<void> {
  const res = await request(`/api/exchanges.har?${harQuery(filters)}`);
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
