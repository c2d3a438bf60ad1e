/** The strict reading for verify lives in src/http/raw-message.ts; kept at this path for existing imports. */
export { parseRawRequest as parseRawMessage, RawMessageError, type ParsedRequestMessage as ParsedMessage } from '../http/raw-message.js';
