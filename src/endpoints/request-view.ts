import { decodeCapture, queryFields, type DecodedCapture } from '../http/capture.js';
import { headerValue } from '../http/headers.js';
import { nodeAt, valueText, type JsonNode } from '../http/json.js';
import { splitTarget } from '../http/target.js';
import type { RawHeaders } from '../model/exchange.js';

/**
 * What rules and templates read from a request, parsed lazily: most postbacks only need the
 * query, so the body is decoded (by decodeCapture, once) only when a rule asks for it.
 */
export class RequestView {
  private queryCache: Array<[string, string]> | undefined;
  private captureCache: DecodedCapture | undefined;
  private textCache: string | undefined;

  constructor(
    readonly method: string,
    readonly target: string,
    readonly rawHeaders: RawHeaders,
    readonly body: Buffer,
    readonly pathParams: Record<string, string>,
    readonly requestNumber: number,
    private readonly maxDecodedBytes: number,
    /** Already decoded by the caller (the indexer): not decoded twice. */
    decoded?: DecodedCapture,
  ) {
    this.captureCache = decoded;
  }

  get path(): string {
    return splitTarget(this.target).path;
  }

  queryPairs(): Array<[string, string]> {
    this.queryCache ??= queryFields(this.target).map((f) => [f.name, f.value]);
    return this.queryCache;
  }

  query(name: string): string | undefined {
    return this.queryPairs().find(([n]) => n === name)?.[1];
  }

  header(name: string): string | undefined {
    return headerValue(this.rawHeaders, name) ?? undefined;
  }

  form(name: string): string | undefined {
    return this.capture().fields.find((f) => f.source === 'form' && f.name === name)?.value;
  }

  /** The JSON node at a dotted path (`user.id`, `items.0.sku`, `$.a`); undefined when absent or not JSON. */
  jsonNode(path: string): JsonNode | undefined {
    const root = this.capture().json;
    return root ? nodeAt(root, path.replace(/^\$\.?/, '').split('.').filter((k) => k !== '')) : undefined;
  }

  /** A JSON value as text: strings decoded, numbers exactly as written, objects as compact JSON. */
  json(path: string): string | undefined {
    const node = this.jsonNode(path);
    return node === undefined ? undefined : valueText(node);
  }

  text(): string {
    this.textCache ??= this.capture().body.toString('utf8');
    return this.textCache;
  }

  private capture(): DecodedCapture {
    this.captureCache ??= decodeCapture(this, { maxDecodedBytes: this.maxDecodedBytes });
    return this.captureCache;
  }
}
