import type { RawHeaders } from '../model/exchange.js';

/** What the receiver knows about a request when it decides the answer. */
export interface IncomingCapture {
  method: string;
  target: string;
  path: string;
  rawHeaders: RawHeaders;
  body: Buffer;
}

export interface MockResponse {
  status: number;
  rawHeaders: RawHeaders;
  body: Buffer;
  /** Which endpoint/rule produced it, shown in the detail view. */
  answeredBy: string;
}

/** The seam where mock endpoints and response rules plug in. */
export interface Responder {
  respond(capture: IncomingCapture): MockResponse;
}

const okBody = Buffer.from('OK');

/** Until endpoints are configured, every postback is accepted with a plain 200 OK. */
export const defaultResponder: Responder = {
  respond: () => ({
    status: 200,
    rawHeaders: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', String(okBody.length)],
    ],
    body: okBody,
    answeredBy: 'default (200 OK)',
  }),
};
