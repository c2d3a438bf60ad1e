import type { RawHeaders } from '../model/exchange.js';
import { decodeContentEncoding } from '../decode/content-encoding.js';
import { mediaTypeOf } from '../decode/charset.js';
import { bytesToBinaryString } from '../shared/binary-string.js';
import { parseQuery, splitTarget } from '../shared/query-params.js';

/**
 * What rules and templates read from a request, parsed lazily: most postbacks only need the
 * query, so the body is decoded only when a rule asks for it.
 */
export class RequestView {
  private queryCache: Array<[string, string]> | undefined;
  private formCache: Array<[string, string]> | undefined;
  private jsonCache: { value: unknown } | undefined;
  private textCache: string | undefined;

  constructor(
    readonly method: string,
    readonly target: string,
    readonly rawHeaders: RawHeaders,
    readonly body: Buffer,
    readonly pathParams: Record<string, string>,
    readonly requestNumber: number,
    private readonly maxDecodedBytes: number,
  ) {}

  get path(): string {
    return splitTarget(this.target).path;
  }

  queryPairs(): Array<[string, string]> {
    this.queryCache ??= parseQuery(splitTarget(this.target).rawQuery).map((p) => [p.name, p.value]);
    return this.queryCache;
  }

  query(name: string): string | undefined {
    return this.queryPairs().find(([n]) => n === name)?.[1];
  }

  header(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.rawHeaders.find(([n]) => n.toLowerCase() === lower)?.[1];
  }

  form(name: string): string | undefined {
    if (this.formCache === undefined) {
      const isForm = mediaTypeOf(this.header('content-type') ?? null) === 'application/x-www-form-urlencoded';
      this.formCache = isForm ? parseQuery(bytesToBinaryString(this.decodedBody())).map((p) => [p.name, p.value]) : [];
    }
    return this.formCache.find(([n]) => n === name)?.[1];
  }

  /** A dotted path into a JSON body (`user.id`, `items.0.sku`); undefined when absent or not JSON. */
  json(path: string): unknown {
    if (this.jsonCache === undefined) {
      try {
        this.jsonCache = { value: JSON.parse(this.text()) as unknown };
      } catch {
        this.jsonCache = { value: undefined };
      }
    }
    let node: unknown = this.jsonCache.value;
    for (const key of path.replace(/^\$\.?/, '').split('.').filter((k) => k !== '')) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  text(): string {
    this.textCache ??= this.decodedBody().toString('utf8');
    return this.textCache;
  }

  private decodedBody(): Buffer {
    return decodeContentEncoding(this.body, this.header('content-encoding') ?? null, this.maxDecodedBytes).bytes;
  }
}
