/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the parts this app writes and reads.
 * Fields starting with `_` are the spec's custom-field escape: ours are listed where we write them.
 */

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: Array<{ name: string; value?: string; fileName?: string; contentType?: string; comment?: string }>;
  /**
   * "base64" when `text` holds base64 of bytes that are not UTF-8 text. HAR 1.2 has no way to carry a
   * binary request body; this is the field the HAR 1.3 proposal adds for it.
   */
  encoding?: 'base64';
  comment?: string;
}

export interface HarContent {
  size: number;
  compression?: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

/** Byte-exact request facts: strings are binary strings (one char per byte, latin1-mapped). */
export interface HarRaw {
  target: string;
  headers: Array<[string, string]>;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
  _raw?: HarRaw;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  comment?: string;
  /** Byte-exact response headers. */
  _raw?: { headers: Array<[string, string]> };
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
  comment?: string;
  [custom: `_${string}`]: unknown;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
  // Ours, on export (and read back on import of our own files):
  _id?: number;
  _direction?: 'in' | 'out';
  _remoteAddress?: string;
  _remotePort?: number;
  _rejected?: string | null;
  _answeredBy?: string | null;
  _endpointId?: number | null;
  _duplicate?: boolean;
  _verdict?: unknown;
  _imported?: boolean;
  [custom: `_${string}`]: unknown;
}

export interface HarLog {
  version: string;
  creator: { name: string; version: string; comment?: string };
  browser?: { name: string; version: string; comment?: string };
  pages?: unknown[];
  entries: HarEntry[];
  comment?: string;
}

export interface Har {
  log: HarLog;
}
