import type { Sender } from '../sender/index.js';
import type { CallbackRequest } from './endpoint-responder.js';
import { compileTemplate } from './template.js';

/**
 * "Answer 202, then send the webhook": after an endpoint has answered, its callback is rendered
 * from the request and handed to the sender after the delay, so it is logged, retried and shown
 * like any outbound postback.
 */
export class EndpointCallbacks {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly sender: Pick<Sender, 'send'>,
    private readonly onError: (message: string) => void,
  ) {}

  schedule({ endpoint, request, exchangeId }: CallbackRequest): void {
    const callback = endpoint.callback;
    if (!callback) return;
    const render = (source: string): string => compileTemplate(source).render(request);
    // Rendered now, while the request is at hand; sent later.
    const url = render(callback.url);
    const headers = callback.headers.map(([name, value]) => [name, render(value)] as [string, string]);
    const body = render(callback.body);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.sender
        .send({
          // Already rendered: the dollar dialect is the one least likely to find "macros" in JSON or URLs,
          // and sendAnyway keeps a literal `${…}` in a partner's payload from blocking the callback.
          template: { name: `callback of ${endpoint.name} (capture ${exchangeId})`, method: callback.method, url, headers, bodyMode: body === '' ? 'none' : 'raw', body, dialect: 'dollar', idempotencyHeader: null },
          sendAnyway: true,
        })
        .catch((error: Error) => this.onError(`callback of endpoint "${endpoint.name}": ${error.message}`));
    }, callback.delayMs);
    this.timers.add(timer);
  }

  /** Pending callbacks die with the app: they were never promised to anyone. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
