/** The raw HTTP message parser lives in src/http; comparison/index.ts and older imports read it from here. */
export { parseRawMessage, RawMessageError, type ParsedRawMessage } from '../http/raw-message.js';
