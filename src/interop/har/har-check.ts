/**
 * Checks a HAR from outside before anything is written: the first problem is reported with its JSON
 * path (`$.log.entries[3].request.url`), so a user can find it in a file of thousands of entries.
 * Hand-written rather than a schema validator: ajv is a dev dependency only, and the checks that
 * matter here (base64 that decodes, bytes in `_raw`, dates that parse) go beyond a schema anyway.
 * Lenient where browsers differ (missing cookies/queryString, empty httpVersion), strict where a
 * wrong value would store wrong bytes.
 */
import { methodToken, shapeChecks, unsafeHeaderChars, type Obj } from '../json-shape.js';
import type { Har } from './har-types.js';

export class HarError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'HarError';
  }
}

const { object, string, number, array, optional } = shapeChecks((path, problem) => new HarError(path, problem));
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const iso8601 = /^\d{4}-?\d\d-?\d\dT?\d\d:?\d\d:?\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;
const binaryString = /^[\x00-\xff]*$/;

function nameValues(value: unknown, path: string, headers: boolean): void {
  array(value, path).forEach((item, i) => {
    const p = `${path}[${i}]`;
    const o = object(item, p);
    const name = string(o['name'], `${p}.name`);
    const v = string(o['value'], `${p}.value`);
    if (headers && name === '') throw new HarError(`${p}.name`, 'must not be empty');
    if (headers && unsafeHeaderChars.test(name)) throw new HarError(`${p}.name`, 'must not contain CR, LF or NUL');
    if (headers && unsafeHeaderChars.test(v)) throw new HarError(`${p}.value`, 'must not contain CR, LF or NUL');
  });
}

function rawPairs(value: unknown, path: string): void {
  array(value, path).forEach((pair, i) => {
    const p = `${path}[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') throw new HarError(p, 'must be [name, value]');
    if (!binaryString.test(pair[0]) || !binaryString.test(pair[1])) throw new HarError(p, 'must hold bytes (characters U+0000 to U+00FF only)');
    if (unsafeHeaderChars.test(pair[0] + pair[1])) throw new HarError(p, 'must not contain CR, LF or NUL');
  });
}

function base64Text(o: Obj, path: string): void {
  const encoding = optional(o, 'encoding', path, string);
  if (encoding === undefined || o['text'] === undefined) return;
  if (encoding !== 'base64') throw new HarError(`${path}.encoding`, `"${encoding}" is not supported (only base64)`);
  if (!base64.test((o['text'] as string).replace(/\s+/g, ''))) throw new HarError(`${path}.text`, 'is not valid base64');
}

function checkRequest(value: unknown, path: string): void {
  const request = object(value, path);
  const method = string(request['method'], `${path}.method`);
  if (!methodToken.test(method)) throw new HarError(`${path}.method`, `"${method}" is not an HTTP method`);
  const url = string(request['url'], `${path}.url`);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) throw new HarError(`${path}.url`, 'must be an absolute URL');
  if (/[\r\n\0]/.test(url)) throw new HarError(`${path}.url`, 'must not contain CR, LF or NUL');
  if (/^https?:/i.test(url) && !URL.canParse(url)) throw new HarError(`${path}.url`, `"${url}" is not a valid URL`);
  optional(request, 'httpVersion', path, string);
  nameValues(request['headers'], `${path}.headers`, true);
  optional(request, 'queryString', path, (v, p) => nameValues(v, p, false));
  optional(request, 'cookies', path, array);
  const postData = optional(request, 'postData', path, object);
  if (postData) {
    optional(postData, 'mimeType', `${path}.postData`, string);
    optional(postData, 'text', `${path}.postData`, string);
    optional(postData, 'params', `${path}.postData`, (v, p) =>
      array(v, p).forEach((item, i) => {
        const o = object(item, `${p}[${i}]`);
        string(o['name'], `${p}[${i}].name`);
        optional(o, 'value', `${p}[${i}]`, string);
      }),
    );
    base64Text(postData, `${path}.postData`);
  }
  const raw = optional(request, '_raw', path, object);
  if (raw) {
    const target = string(raw['target'], `${path}._raw.target`);
    if (!binaryString.test(target) || target === '' || /[\s\0]/.test(target)) throw new HarError(`${path}._raw.target`, 'must be a request target of bytes, without spaces');
    rawPairs(raw['headers'], `${path}._raw.headers`);
  }
}

function checkResponse(value: unknown, path: string): void {
  const response = object(value, path);
  const status = number(response['status'], `${path}.status`);
  if (!Number.isInteger(status) || status < 0 || status > 999) throw new HarError(`${path}.status`, 'must be 0 (no response) or a 3-digit status');
  optional(response, 'statusText', path, string);
  optional(response, 'httpVersion', path, string);
  nameValues(response['headers'] ?? [], `${path}.headers`, true);
  const content = optional(response, 'content', path, object);
  if (content) {
    optional(content, 'text', `${path}.content`, string);
    optional(content, 'mimeType', `${path}.content`, string);
    base64Text(content, `${path}.content`);
  }
  optional(response, 'redirectURL', path, string);
  const raw = optional(response, '_raw', path, object);
  if (raw) rawPairs(raw['headers'], `${path}._raw.headers`);
}

function checkEntry(value: unknown, path: string): void {
  const entry = object(value, path);
  const started = string(entry['startedDateTime'], `${path}.startedDateTime`);
  if (!iso8601.test(started) || Number.isNaN(Date.parse(started))) throw new HarError(`${path}.startedDateTime`, `"${started}" is not an ISO 8601 date-time`);
  optional(entry, 'time', path, number);
  checkRequest(entry['request'], `${path}.request`);
  checkResponse(entry['response'], `${path}.response`);
  const timings = optional(entry, 'timings', path, object);
  if (timings) for (const key of ['blocked', 'dns', 'connect', 'send', 'wait', 'receive', 'ssl']) optional(timings, key, `${path}.timings`, number);
  optional(entry, 'serverIPAddress', path, string);
  optional(entry, 'connection', path, string);
  const direction = entry['_direction'];
  if (direction !== undefined && direction !== 'in' && direction !== 'out') throw new HarError(`${path}._direction`, 'must be "in" or "out"');
}

/** Throws HarError at the first problem; returns the input typed once it holds together. */
export function checkHar(input: unknown): Har {
  const root = object(input, '$');
  const log = object(root['log'], '$.log');
  optional(log, 'version', '$.log', string);
  const creator = object(log['creator'], '$.log.creator');
  string(creator['name'], '$.log.creator.name');
  array(log['entries'], '$.log.entries').forEach((entry, i) => checkEntry(entry, `$.log.entries[${i}]`));
  return input as Har;
}
