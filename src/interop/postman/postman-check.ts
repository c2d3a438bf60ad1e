/**
 * Checks a Postman collection from outside before anything is written, against the shape of the
 * v2.1 schema (https://schema.getpostman.com/json/collection/v2.1.0/collection.json; v2.0 files,
 * which differ only in how auth parameters are written, pass too). The first problem is reported
 * with its JSON path (`$.item[2].item[0].request.url.query[1].key`), so it can be found in a large
 * export. Hand-written like the HAR check: what matters beyond the schema (a method that is a
 * token, header text without line breaks) is checked in the same walk.
 */
import { isObject, methodToken, shapeChecks, unsafeHeaderChars, type Obj } from '../json-shape.js';
import type { PostmanCollection } from './postman-types.js';

export class PostmanError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'PostmanError';
  }
}

const fail = (path: string, problem: string): PostmanError => new PostmanError(path, problem);
const { object, string, boolean, array, optional } = shapeChecks(fail);

const bodyModes = ['raw', 'urlencoded', 'formdata', 'file', 'graphql'];
/** Postman v1 exports have `requests` and `order` and no `info`; they need converting in Postman first. */
const schemaVersion = /\/collection\/v2\.[01]\.\d+\//;

const stringOrNull = (value: unknown, path: string): string | null => (value === null ? null : string(value, path));

function stringOrStrings(value: unknown, path: string): void {
  if (typeof value === 'string') return;
  array(value, path).forEach((s, i) => string(s, `${path}[${i}]`));
}

function description(o: Obj, path: string): void {
  // A string, or {content, type, version}; read nowhere, so only its kind is checked.
  const d = o['description'];
  if (d !== undefined && d !== null && typeof d !== 'string' && !isObject(d)) throw fail(`${path}.description`, 'must be a string or an object');
}

function variables(value: unknown, path: string): void {
  array(value, path).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const o = object(v, p);
    optional(o, 'key', p, string);
    optional(o, 'id', p, string);
    optional(o, 'type', p, string);
    optional(o, 'disabled', p, boolean);
  });
}

/** Query parameters and urlencoded fields: key and value may be null (Postman writes `"key": null` for `?=x`). */
function keyValues(value: unknown, path: string): void {
  array(value, path).forEach((kv, i) => {
    const p = `${path}[${i}]`;
    const o = object(kv, p);
    if (o['key'] !== undefined) stringOrNull(o['key'], `${p}.key`);
    if (o['value'] !== undefined) stringOrNull(o['value'], `${p}.value`);
    optional(o, 'disabled', p, boolean);
  });
}

function headers(value: unknown, path: string): void {
  if (typeof value === 'string') return; // raw "Name: value" lines, split when mapped
  array(value, path).forEach((h, i) => {
    const p = `${path}[${i}]`;
    const o = object(h, p);
    const key = string(o['key'], `${p}.key`);
    const v = string(o['value'], `${p}.value`);
    optional(o, 'disabled', p, boolean);
    if (o['disabled'] === true) return;
    if (key.trim() === '') throw fail(`${p}.key`, 'must not be empty');
    if (unsafeHeaderChars.test(key)) throw fail(`${p}.key`, 'must not contain CR, LF or NUL');
    if (unsafeHeaderChars.test(v)) throw fail(`${p}.value`, 'must not contain CR, LF or NUL');
  });
}

function url(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (/[\r\n\0]/.test(value)) throw fail(path, 'must not contain CR, LF or NUL');
    return;
  }
  if (!isObject(value)) throw fail(path, 'must be a URL string or an object');
  const o = value;
  const raw = optional(o, 'raw', path, string);
  if (raw !== undefined && /[\r\n\0]/.test(raw)) throw fail(`${path}.raw`, 'must not contain CR, LF or NUL');
  optional(o, 'protocol', path, string);
  optional(o, 'host', path, stringOrStrings);
  const p = o['path'];
  if (p !== undefined && typeof p !== 'string') {
    array(p, `${path}.path`).forEach((segment, i) => {
      if (typeof segment === 'string') return;
      const s = object(segment, `${path}.path[${i}]`);
      optional(s, 'type', `${path}.path[${i}]`, string);
      optional(s, 'value', `${path}.path[${i}]`, string);
    });
  }
  optional(o, 'port', path, string);
  optional(o, 'query', path, keyValues);
  optional(o, 'hash', path, string);
  optional(o, 'variable', path, variables);
  if (raw === undefined && o['host'] === undefined) throw fail(path, 'needs "raw" or "host"');
}

function body(value: unknown, path: string): void {
  if (value === null) return;
  const o = object(value, path);
  const mode = optional(o, 'mode', path, string);
  if (mode !== undefined && !bodyModes.includes(mode)) throw fail(`${path}.mode`, `must be one of ${bodyModes.join(', ')}`);
  optional(o, 'raw', path, string);
  optional(o, 'urlencoded', path, keyValues);
  optional(o, 'formdata', path, (v, p) =>
    array(v, p).forEach((f, i) => {
      const fp = `${p}[${i}]`;
      const field = object(f, fp);
      string(field['key'], `${fp}.key`);
      if (field['value'] !== undefined) stringOrNull(field['value'], `${fp}.value`);
      const type = optional(field, 'type', fp, string);
      if (type !== undefined && type !== 'text' && type !== 'file') throw fail(`${fp}.type`, 'must be "text" or "file"');
      optional(field, 'contentType', fp, string);
      optional(field, 'disabled', fp, boolean);
    }),
  );
  optional(o, 'file', path, (v, p) => {
    const file = object(v, p);
    if (file['src'] !== undefined) stringOrNull(file['src'], `${p}.src`);
    optional(file, 'content', p, string);
  });
  optional(o, 'graphql', path, (v, p) => {
    const g = object(v, p);
    optional(g, 'query', p, string);
    if (g['variables'] !== undefined && typeof g['variables'] !== 'string' && !isObject(g['variables'])) throw fail(`${p}.variables`, 'must be a string or an object');
  });
  optional(o, 'disabled', path, boolean);
}

function auth(value: unknown, path: string): void {
  if (value === null) return;
  const o = object(value, path);
  const type = string(o['type'], `${path}.type`);
  const params = o[type];
  if (params === undefined || type === 'noauth') return;
  if (Array.isArray(params)) {
    params.forEach((param, i) => {
      const p = `${path}.${type}[${i}]`;
      string(object(param, p)['key'], `${p}.key`);
    });
  } else object(params, `${path}.${type}`);
}

function events(value: unknown, path: string): void {
  array(value, path).forEach((e, i) => {
    const o = object(e, `${path}[${i}]`);
    string(o['listen'], `${path}[${i}].listen`);
    optional(o, 'disabled', `${path}[${i}]`, boolean);
  });
}

function request(value: unknown, path: string): void {
  if (typeof value === 'string') return url(value, path);
  const o = object(value, path);
  const method = optional(o, 'method', path, string);
  if (method !== undefined && !methodToken.test(method)) throw fail(`${path}.method`, `"${method}" is not an HTTP method`);
  if (o['url'] === undefined) throw fail(`${path}.url`, 'is missing');
  url(o['url'], `${path}.url`);
  optional(o, 'header', path, headers);
  optional(o, 'body', path, body);
  optional(o, 'auth', path, auth);
  description(o, path);
}

function node(value: unknown, path: string): void {
  const o = object(value, path);
  optional(o, 'name', path, string);
  optional(o, 'event', path, events);
  optional(o, 'variable', path, variables);
  optional(o, 'auth', path, auth);
  description(o, path);
  if (o['item'] !== undefined) {
    array(o['item'], `${path}.item`).forEach((child, i) => node(child, `${path}.item[${i}]`));
    return;
  }
  if (o['request'] === undefined) throw fail(path, 'is neither a request (no "request") nor a folder (no "item")');
  request(o['request'], `${path}.request`);
  optional(o, 'protocolProfileBehavior', path, object);
}

/** Throws PostmanError at the first problem; returns the input typed once it holds together. */
export function checkPostmanCollection(input: unknown): PostmanCollection {
  const root = object(input, '$');
  if (root['info'] === undefined && Array.isArray(root['requests'])) throw fail('$', 'this is a Postman v1 collection; export it from Postman as Collection v2.1');
  const info = object(root['info'], '$.info');
  string(info['name'], '$.info.name');
  const schema = string(info['schema'], '$.info.schema');
  if (!schemaVersion.test(schema)) throw fail('$.info.schema', `"${schema}" is not the Postman Collection v2.1 (or v2.0) schema`);
  description(info, '$.info');
  array(root['item'], '$.item').forEach((child, i) => node(child, `$.item[${i}]`));
  optional(root, 'event', '$', events);
  optional(root, 'variable', '$', variables);
  optional(root, 'auth', '$', auth);
  return input as PostmanCollection;
}
