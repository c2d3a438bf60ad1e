import { decodeCapture } from '../http/capture.js';
import type { RawRequest } from '../http/raw-request.js';
import { binaryStringToDisplay } from '../shared/binary-string.js';

/** A request as the store keeps it (see src/http/raw-request.ts). */
export type PostbackRequest = RawRequest;

/** One value a postback carries, wherever it travelled. */
export interface PostbackField {
  /** Decoded name; a dotted path for JSON bodies (`user.id`, `items.0.sku`). */
  name: string;
  /** Decoded; JSON numbers exactly as written (a 20-digit click id is not rounded). */
  value: string;
  /** As sent, for query and form values (readable text); null for JSON. */
  rawValue: string | null;
  source: 'query' | 'form' | 'json';
  /** From parseQuery: duplicate-key, plus-as-space, double-encoded, empty-value… */
  anomalies: string[];
}

export interface ExtractedFields {
  fields: PostbackField[];
  /** The body bytes after Content-Encoding, for checks that read the body. */
  decodedBody: Buffer;
  /** Why the body could not be read, if so. */
  bodyProblem: string | null;
}

/** Query params, then form or JSON body fields, in the order they were sent (read by decodeCapture, once). */
export function extractFields(request: PostbackRequest, maxDecodedBytes: number): ExtractedFields {
  const capture = decodeCapture(request, { maxDecodedBytes });
  const fields: PostbackField[] = [];
  for (const f of capture.fields) {
    // Multipart parts are shown, not checked: profiles describe query, form and JSON postbacks.
    if (f.source === 'multipart') continue;
    fields.push({
      name: f.name,
      value: f.value,
      rawValue: f.source === 'json' || f.rawValue === null ? null : binaryStringToDisplay(f.rawValue),
      source: f.source,
      anomalies: f.anomalies,
    });
  }
  return { fields, decodedBody: capture.body, bodyProblem: capture.bodyProblem };
}

/** The first field named so, looked up where the spec says. */
export function findField(fields: readonly PostbackField[], name: string, where: 'query' | 'body' | 'any' = 'any'): PostbackField | undefined {
  return fields.find((f) => f.name === name && (where === 'any' || (where === 'query' ? f.source === 'query' : f.source !== 'query')));
}
