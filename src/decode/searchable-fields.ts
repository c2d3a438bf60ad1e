import { decodeCapture, type DecodedCapture } from '../http/capture.js';
import type { RawHeaders } from '../model/exchange.js';
import { binaryStringToDisplay } from '../shared/binary-string.js';
import { bodyText } from './body-view.js';

export interface SearchableFields {
  /** Decoded name/value pairs from the query, form body, multipart fields and top-level JSON scalars, without repeats. */
  params: Array<[string, string]>;
  /** The URL as shown, for full-text search. */
  url: string;
  /** Multipart fields (`name=value` lines) and the text body, for `body*=` searches. */
  body: string;
}

const textLimit = 64 * 1024;

/**
 * What a capture can be found by. Shared by the indexer and by live matching (wait). Values come
 * from decodeCapture, so `param.click_id=12345678901234567890` finds a JSON body's unrounded number.
 */
export function searchableFields(target: string, rawHeaders: RawHeaders, body: Buffer, maxDecodedBytes: number): SearchableFields {
  return searchableFieldsOf(decodeCapture({ method: '', target, rawHeaders, body }, { maxDecodedBytes }), target, rawHeaders, body);
}

/** The same from a capture already decoded (the indexer decodes once for this and the correlation). */
export function searchableFieldsOf(capture: DecodedCapture, target: string, rawHeaders: RawHeaders, body: Buffer): SearchableFields {
  const params: Array<[string, string]> = [];
  // Keyed by name alone: values are compared only when a name repeats, so a long value is never
  // copied into a key just to be hashed (that was most of this function's cost on 1 KB bodies).
  const valuesByName = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    const values = valuesByName.get(name);
    if (values === undefined) valuesByName.set(name, [value]);
    else if (values.includes(value)) return;
    else values.push(value);
    params.push([name, value]);
  };
  const bodyParts: string[] = [];
  for (const f of capture.fields) {
    if (f.source === 'multipart') bodyParts.push(`${f.name}=${f.value}`);
    // JSON: top-level scalars only (a nested path is not a param name anyone searches by); null is no value.
    if (f.source === 'json' && (f.path.length !== 1 || f.jsonType === 'null' || capture.json?.type !== 'object')) continue;
    add(f.name, f.value);
  }
  if (body.length > 0 && !capture.encodingError) {
    const shown = bodyText(capture.body, rawHeaders, textLimit);
    if (shown) bodyParts.push(shown);
  }
  return { params, url: binaryStringToDisplay(target), body: bodyParts.join('\n') };
}
