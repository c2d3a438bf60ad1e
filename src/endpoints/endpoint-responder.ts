import type { Endpoint } from '../model/endpoint.js';
import type { IncomingCapture, MockResponse, Responder } from '../receiver/responder.js';
import { defaultResponder } from '../receiver/responder.js';
import { CompiledEndpoint, type Decision } from './compiled-endpoint.js';
import { correlationOf } from './correlation.js';
import { RequestView } from './request-view.js';
import { injectedFailureHeader, injectedFailureStatus } from '../shared/injected-failure.js';

const injectedBody = Buffer.from(`Injected failure: the request carried ${injectedFailureHeader}`);

/** The answer to a request a bulk run marked to fail, whatever would have answered it. */
function injectedFailure(marker: string, by: string): Extract<Decision, { kind: 'respond' }> {
  return {
    kind: 'respond',
    response: { status: injectedFailureStatus, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: injectedBody, delayMs: 0 },
    answeredBy: `${by} (injected failure: ${injectedFailureHeader}: ${marker})`,
  };
}

function unmatched(capture: IncomingCapture, marker: string | null): MockResponse {
  if (marker === null) return defaultResponder.respond(capture);
  const { response, answeredBy } = injectedFailure(marker, 'default');
  return { status: response.status, rawHeaders: response.headers, body: response.body, answeredBy };
}

export interface CallbackRequest {
  endpoint: Endpoint;
  request: RequestView;
  exchangeId: number;
}

/**
 * Answers captures from the configured endpoints (first enabled match in list order wins);
 * unmatched requests keep the catch-all 200 OK. Rebuilt whenever endpoints change, so an edit
 * applies to the very next request.
 */
export class EndpointResponder implements Responder {
  private compiled: CompiledEndpoint[] = [];

  constructor(
    private readonly maxDecodedBytes: number,
    private readonly onCallback: (callback: CallbackRequest) => void,
  ) {}

  load(endpoints: readonly Endpoint[]): void {
    const previous = new Map(this.compiled.map((c) => [c.endpoint.id, c]));
    // Unchanged endpoints keep their counters (sequences, fail-first) across unrelated edits.
    this.compiled = endpoints.map((e) => {
      const old = previous.get(e.id);
      return old && JSON.stringify(old.endpoint) === JSON.stringify(e) ? old : new CompiledEndpoint(e);
    });
  }

  /** Restarts counters and sequences of one endpoint. */
  reset(id: number): void {
    this.compiled = this.compiled.map((c) => (c.endpoint.id === id ? new CompiledEndpoint(c.endpoint) : c));
  }

  respond(capture: IncomingCapture): MockResponse {
    const marker = capture.failureMarker ?? null;
    // No endpoints: the plain 200 OK, with nothing decoded on the acknowledgement path. The
    // default correlation is filled in after commit by the derivation pipeline.
    if (this.compiled.length === 0) return unmatched(capture, marker);
    for (const endpoint of this.compiled) {
      const pathParams = endpoint.match(capture.method, capture.path);
      if (!pathParams) continue;
      const request = this.view(capture, pathParams, endpoint.nextRequestNumber());
      // A marked request still belongs to its endpoint (hits, correlation), but its answer is the failure.
      const decision = marker === null ? endpoint.decide(request) : injectedFailure(marker, endpoint.endpoint.name);
      // Only keys the endpoint declares are read here; the defaults are the pipeline's job.
      const keys = endpoint.endpoint.correlationKeys;
      const answeredBy = decision.answeredBy;
      const endpointId = endpoint.endpoint.id;
      const correlation = keys.length ? correlationOf(request, keys) : null;
      const afterCommit = endpoint.endpoint.callback ? (exchangeId: number) => this.onCallback({ endpoint: endpoint.endpoint, request, exchangeId }) : undefined;
      // Literals, not `{ ...base, … }`: a spread plus more properties costs ~1 µs a property on this path.
      if (decision.kind !== 'respond') return { status: 0, rawHeaders: [], body: Buffer.alloc(0), answeredBy, endpointId, correlation, afterCommit, action: decision.kind, delayMs: decision.delayMs };
      const { response } = decision;
      return { status: response.status, rawHeaders: response.headers, body: response.body, answeredBy, endpointId, correlation, afterCommit, delayMs: response.delayMs };
    }
    return unmatched(capture, marker);
  }

  private view(capture: IncomingCapture, pathParams: Record<string, string>, requestNumber: number): RequestView {
    return new RequestView(capture.method, capture.target, capture.rawHeaders, capture.body, pathParams, requestNumber, this.maxDecodedBytes);
  }
}
