/** One catalogue of the error codes the core answers with, so the API, CLI and UI speak the same words. */
export const ErrorCatalogue = {
  UNAUTHORIZED: { status: 401, message: 'Missing or wrong bearer token' },
  FORBIDDEN_ORIGIN: { status: 403, message: 'Requests from this Origin are not allowed' },
  FORBIDDEN_HOST: { status: 403, message: 'The Host header must be the loopback control address' },
  NOT_FOUND: { status: 404, message: 'No such resource' },
  BAD_REQUEST: { status: 400, message: 'Bad request' },
  INVALID_FILTER: { status: 400, message: 'The filter expression is not valid' },
  INVALID_ENDPOINT: { status: 400, message: 'The endpoint definition is not valid' },
  WAIT_TIMEOUT: { status: 408, message: 'No matching postback arrived before the timeout' },
  BODY_TOO_LARGE: { status: 413, message: 'Request body exceeds the configured limit' },
  QUEUE_FULL: { status: 503, message: 'Capture queue is full; retry shortly' },
  CAPTURE_PAUSED: { status: 503, message: 'Capture is paused' },
  STORE_FAILED: { status: 500, message: 'Could not write the capture to the store' },
  MALFORMED_REQUEST: { status: 400, message: 'The receiver could not parse the request' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive in time' },
  NOT_A_PROXY: { status: 405, message: 'The receiver is not a proxy: CONNECT is answered 405' },
  DECODE_FAILED: { status: 422, message: 'The body cannot be decoded (the stored bytes are at /body without decoded=1)' },
  STORE_FULL: { status: 507, message: 'The store is out of disk space; capture resumes when space is freed' },
  DATA_FOLDER_LOCKED: { status: 409, message: 'The data folder is in use by another Postback Inspector' },
  INVALID_PROFILE: { status: 400, message: 'The profile definition is not valid' },
  INVALID_SECRET: { status: 400, message: 'The secret is not usable' },
  INVALID_VERIFY_REQUEST: { status: 400, message: 'The verify request is not valid' },
  INVALID_IGNORE_RULES: { status: 400, message: 'The ignore rules are not valid' },
  INVALID_EXPECTED_REQUEST: { status: 400, message: 'The expected request is not valid' },
  NO_MATCHING_CAPTURE: { status: 404, message: 'No captured exchange matches' },
  INVALID_HAR: { status: 400, message: 'The HAR is not valid; nothing was imported' },
  INVALID_POSTMAN_COLLECTION: { status: 400, message: 'The Postman collection is not valid; nothing was imported' },
  INVALID_PLAN: { status: 400, message: 'The scenario plan is not valid; nothing ran' },
  INVALID_ENVIRONMENT: { status: 400, message: 'The environment is not valid' },
  INVALID_SAVED_VIEW: { status: 400, message: 'The saved view is not valid' },
  SCENARIO_BUSY: { status: 409, message: 'A scenario is already running in this app' },
  /** POST /api/send and replay: beside `problems`, the body carries the `preview` that shows where they are. */
  SEND_REFUSED: { status: 422, message: 'The send was refused: unknown or unreplaced macros, or empty values (sendAnyway overrides)' },
  INTERNAL: { status: 500, message: 'Internal error' },
  PIPELINE_STOPPED: { status: 503, message: 'The derivation pipeline is not running' },
  SECRET_UNREADABLE: { status: 500, message: 'A stored secret cannot be decrypted' },
  TUNNEL_UNAVAILABLE: { status: 409, message: 'The tunnel cannot start' },
} as const;

export type ErrorCode = keyof typeof ErrorCatalogue;

export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Per-field problems, so a form can point at each one. */
  readonly fields: Array<{ field: string; message: string }> | undefined;
  constructor(code: ErrorCode, detail?: string, fields?: Array<{ field: string; message: string }>) {
    const entry = ErrorCatalogue[code];
    super(detail ? `${entry.message}: ${detail}` : entry.message);
    this.code = code;
    this.status = entry.status;
    this.fields = fields;
  }
  toJSON(): { error: { code: ErrorCode; message: string; fields?: Array<{ field: string; message: string }> } } {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}
