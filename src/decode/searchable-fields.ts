import type { RawHeaders } from '../model/exchange.js';
import { binaryStringToDisplay } from '../shared/binary-string.js';
import { parseQuery, splitTarget } from '../shared/query-params.js';
import { buildBodyView } from './body-view.js';

export interface SearchableFields {
  /** Decoded name/value pairs from the query, form body and top-level JSON scalars, without repeats. */
  params: Array<[string, string]>;
  /** URL and text body, for full-text search. */
  text: string;
}

const textLimit = 64 * 1024;

/** What a capture can be found by. Shared by the indexer and by live matching (wait). */
export function searchableFields(target: string, rawHeaders: RawHeaders, body: Buffer, maxDecodedBytes: number): SearchableFields {
  const params: Array<[string, string]> = [];
  const seen = new Set<string>();
  const add = (name: string, value: string): void => {
    const key = `${name}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    params.push([name, value]);
  };
  for (const p of parseQuery(splitTarget(target).rawQuery)) add(p.name, p.value);
  let text = binaryStringToDisplay(target);
  if (body.length > 0) {
    const view = buildBodyView(body, rawHeaders, { maxDecodedBytes, textLimit });
    for (const [name, value] of view.form ?? []) add(name, value);
    for (const part of view.multipart ?? []) {
      if (part.name !== null && part.text !== null) {
        add(part.name, part.text);
        text += `\n${part.name}=${part.text}`;
      }
    }
    if (view.kind === 'json' && view.text && !view.textTruncated) for (const [n, v] of topLevelScalars(view.text)) add(n, v);
    if (view.text) text += '\n' + view.text;
  }
  return { params, text };
}

/** Top-level scalar fields of a JSON object body, so `param.click_id=…` finds JSON postbacks too. */
function topLevelScalars(text: string): Array<[string, string]> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
      .map(([k, v]) => [k, String(v)]);
  } catch {
    return [];
  }
}
