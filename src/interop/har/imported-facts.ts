import type { HarTimings } from './har-types.js';

/**
 * What the `imported` column holds (migration 013): the HAR facts no other column can, kept so an
 * export writes them back as they came. Its presence is the "imported" mark.
 */
export interface ImportedFacts {
  source: 'har';
  /** request.url as written (our target column holds only the bytes after the authority). */
  url: string;
  startedDateTime: string;
  time: number;
  timings: HarTimings;
  requestHttpVersion: string;
  responseHttpVersion: string;
  statusText: string;
  redirectURL: string;
  /** content.mimeType and postData.mimeType: tools fill them from more than the headers. */
  contentMimeType: string | null;
  postDataMimeType: string | null;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  /** Creator of the HAR file, e.g. "WebInspector 537.36". */
  creator: string;
}

export function parseImportedFacts(text: string | null): ImportedFacts | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as ImportedFacts;
  } catch {
    return null;
  }
}
