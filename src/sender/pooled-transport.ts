import { performance } from 'node:perf_hooks';
import { Agent, interceptors, type Dispatcher } from 'undici';
import type { RawHeaders } from '../model/exchange.js';
import { BodyCollector, describeTarget, timeoutError, type WireOptions, type WireOutcome, type WireRequest } from './transport.js';
import { describeWireError } from './wire-errors.js';
import { headerEntry, headerValue, headerValues } from '../http/headers.js';

export interface PooledSettings {
  /** Sockets per origin. */
  connections: number;
  /** Connect timeout for every origin (undici sets it per agent, not per request). */
  connectTimeoutMs: number;
}

/** Headers undici refuses to send as given; such requests go over the exact transport instead. */
export function pooledRefusal(headers: RawHeaders): string | null {
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding' || lower === 'keep-alive' || lower === 'upgrade' || lower === 'expect') return `a ${name} header`;
    if (lower === 'connection' && !/^\s*(close|keep-alive)\s*$/i.test(value)) return `Connection: ${value}`;
  }
  if (headerValues(headers, 'host').length > 1) return 'two Host headers';
  return null;
}

const hosts = new Map<string, string>();

/** The Host value undici derives from an origin (WHATWG `host`: default ports dropped), cached per origin. */
function hostOf(origin: string): string {
  let host = hosts.get(origin);
  if (host === undefined) {
    host = new URL(origin).host;
    if (hosts.size > 1000) hosts.clear();
    hosts.set(origin, host);
  }
  return host;
}

/** undici writes a body framing header for these methods even when the body is empty. */
const expectsPayload = new Set(['PUT', 'POST', 'PATCH', 'QUERY', 'PROPFIND', 'PROPPATCH']);

/**
 * The header block undici writes for a request (client-h1.js writeH1 in undici 7): `host` first,
 * then `connection`, then ours in order with their casing, then `content-length`. Computed, not
 * sniffed, so storing "the request as actually sent" costs nothing per request; a test checks it
 * against what our receiver captures.
 */
export function pooledSentHeaders(request: WireRequest): RawHeaders {
  const given = headerEntry(request.headers, 'host');
  const connection = headerValue(request.headers, 'connection')?.trim().toLowerCase();
  const reset = connection === 'close' ? true : connection === 'keep-alive' ? false : request.method === 'HEAD';
  const sent: RawHeaders = [
    ['host', given ? given[1] : hostOf(request.origin)],
    ['connection', reset ? 'close' : 'keep-alive'],
  ];
  for (const header of request.headers) {
    const lower = header[0].toLowerCase();
    if (lower !== 'host' && lower !== 'connection' && lower !== 'content-length') sent.push(header);
  }
  if (request.body.length > 0) sent.push(['content-length', String(request.body.length)]);
  else if (expectsPayload.has(request.method)) sent.push(['content-length', '0']);
  return sent;
}

/**
 * Delivery through undici agents (keep-alive pools per origin, no fetch layer): one agent per
 * (TLS check, redirect) combination, created when first needed. Redirects are not followed unless
 * asked: partners such as Adjust do not follow them, so a redirect is a failed postback.
 */
export class PooledTransport {
  private readonly agents = new Map<string, Dispatcher>();

  constructor(private readonly settings: PooledSettings) {}

  send(request: WireRequest, options: WireOptions): Promise<WireOutcome> {
    const dispatcher = this.agentFor(options);
    return new Promise<WireOutcome>((resolve) => {
      const handler = new ResponseHandler(request, options, resolve);
      const flat: string[] = [];
      for (const [name, value] of request.headers) if (name.toLowerCase() !== 'content-length') flat.push(name, value);
      try {
        dispatcher.dispatch(
          {
            origin: request.origin,
            path: request.target,
            method: request.method as Dispatcher.HttpMethod,
            headers: flat,
            body: request.body.length > 0 ? request.body : null,
            headersTimeout: options.timeoutMs,
            bodyTimeout: options.timeoutMs,
            ...(options.followRedirects ? { maxRedirections: options.maxRedirects } : {}),
          } as Dispatcher.DispatchOptions,
          handler,
        );
      } catch (error) {
        handler.onError(error as Error);
      }
    });
  }

  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    // Destroy, not close: the sender already gave attempts in flight their grace period, and an
    // attempt cut off here is resent on the next start.
    await Promise.all(agents.map((agent) => agent.destroy().catch(() => undefined)));
  }

  private agentFor(options: WireOptions): Dispatcher {
    const key = `${options.insecureTls ? 'insecure' : 'verified'}/${options.followRedirects ? 'redirects' : 'direct'}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const base = new Agent({
        connections: this.settings.connections,
        connect: { timeout: this.settings.connectTimeoutMs, rejectUnauthorized: !options.insecureTls },
      });
      agent = options.followRedirects ? base.compose(interceptors.redirect({ maxRedirections: options.maxRedirects })) : base;
      this.agents.set(key, agent);
    }
    return agent;
  }
}

/**
 * One response, collected through undici's handler interface (raw header bytes, no stream, no
 * header object): a class rather than closures, as thousands are made per second in bulk runs.
 */
class ResponseHandler implements Dispatcher.DispatchHandler {
  private readonly started = performance.now();
  private readonly body: BodyCollector;
  private readonly timer: NodeJS.Timeout;
  private status = 0;
  private rawHeaders: RawHeaders = [];
  private abort: ((error?: Error) => void) | null = null;
  private timedOut = false;
  private settled = false;

  constructor(
    private readonly request: WireRequest,
    private readonly options: WireOptions,
    private readonly resolve: (outcome: WireOutcome) => void,
  ) {
    this.body = new BodyCollector(options.maxResponseBytes);
    // One deadline for the whole exchange, the queue wait for a free socket included.
    this.timer = setTimeout(expire, options.timeoutMs, this);
  }

  timeOut(): void {
    this.timedOut = true;
    if (this.abort) this.abort(timeoutError());
    else this.onError(timeoutError());
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abort = abort;
    if (this.timedOut) abort(timeoutError());
  }

  onHeaders(statusCode: number, headers: Buffer[]): boolean {
    // 1xx interim responses are not the answer.
    if (statusCode < 200) return true;
    this.status = statusCode;
    const raw: RawHeaders = [];
    for (let i = 0; i + 1 < headers.length; i += 2) raw.push([headers[i]!.toString('latin1'), headers[i + 1]!.toString('latin1')]);
    this.rawHeaders = raw;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.body.add(chunk);
    return true;
  }

  onComplete(): void {
    if (this.finish()) {
      this.resolve({ response: { status: this.status, rawHeaders: this.rawHeaders, body: this.body.bytes(), truncated: this.body.truncated }, error: null, durationMs: performance.now() - this.started });
    }
  }

  onError(error: Error): void {
    if (this.finish()) {
      this.resolve({ response: null, error: describeWireError(error, describeTarget(this.request.origin), this.options.timeoutMs), durationMs: performance.now() - this.started });
    }
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    return true;
  }
}

function expire(handler: ResponseHandler): void {
  handler.timeOut();
}
