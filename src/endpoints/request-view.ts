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
  private topLevelCache: Map<string, JsonNode> | undefined;

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
    if (this.queryCache) return this.queryCache;
    // Decoded already (the indexer's view): its query fields are these, parsed once.
    const fields = this.captureCache ? this.captureCache.fields.filter((f) => f.source === 'query') : queryFields(this.target);
    this.queryCache = fields.map((f) => [f.name, f.value]);
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
    if (!root) return undefined;
    // Most names are one plain key (the default correlation asks for two dozen per capture): no parsing.
    if (root.type === 'object' && !path.includes('.') && !path.startsWith('$')) return path === '' ? root : this.topLevel(root).get(path);
    return nodeAt(root, path.replace(/^\$\.?/, '').split('.').filter((k) => k !== ''));
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

  /** The root object's members by key, the last of a repeated key winning (as nodeAt reads them). */
  private topLevel(root: JsonNode & { type: 'object' }): Map<string, JsonNode> {
    if (this.topLevelCache) return this.topLevelCache;
    this.topLevelCache = new Map();
    for (const member of root.members) this.topLevelCache.set(member.key, member.value);
    return this.topLevelCache;
  }

  private capture(): DecodedCapture {
    this.captureCache ??= decodeCapture(this, { maxDecodedBytes: this.maxDecodedBytes });
    return this.captureCache;
  }
}
