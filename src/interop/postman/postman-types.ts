/**
 * Postman Collection Format v2.1 (https://schema.getpostman.com/json/collection/v2.1.0/collection.json),
 * the parts an import reads. Shapes are as the published schema allows them (a request may be a
 * bare URL string, a URL may be a string or an object, host and path strings or arrays), after
 * postman-check.ts has checked them.
 */

export interface PostmanVariable {
  key?: string;
  id?: string;
  value?: unknown;
  type?: string;
  disabled?: boolean;
}

export interface PostmanKeyValue {
  key: string | null;
  value: string | null;
  disabled?: boolean;
  description?: unknown;
}

export interface PostmanUrlObject {
  raw?: string;
  protocol?: string;
  host?: string | string[];
  path?: string | Array<string | { type?: string; value?: string }>;
  port?: string;
  query?: PostmanKeyValue[];
  hash?: string;
  variable?: PostmanVariable[];
}

export type PostmanUrl = string | PostmanUrlObject;

/** v2.1 writes auth parameters as lists of {key, value}; v2.0 wrote them as an object. Both are read. */
export type PostmanAuthParams = Array<{ key: string; value?: unknown; type?: string }> | Record<string, unknown>;

export interface PostmanAuth {
  type: string;
  [scheme: string]: unknown;
}

export interface PostmanFormParam {
  key: string;
  value?: string;
  src?: unknown;
  type?: 'text' | 'file';
  contentType?: string;
  disabled?: boolean;
}

export interface PostmanBody {
  mode?: 'raw' | 'urlencoded' | 'formdata' | 'file' | 'graphql';
  raw?: string;
  urlencoded?: PostmanKeyValue[];
  formdata?: PostmanFormParam[];
  file?: { src?: string | null; content?: string };
  graphql?: { query?: string; variables?: string };
  options?: { raw?: { language?: string } };
  disabled?: boolean;
}

export interface PostmanRequestObject {
  url?: PostmanUrl;
  method?: string;
  header?: PostmanKeyValue[] | string;
  body?: PostmanBody | null;
  auth?: PostmanAuth | null;
  description?: unknown;
}

export type PostmanRequest = string | PostmanRequestObject;

export interface PostmanEvent {
  listen: string;
  disabled?: boolean;
}

export interface PostmanItem {
  name?: string;
  request: PostmanRequest;
  event?: PostmanEvent[];
  protocolProfileBehavior?: Record<string, unknown>;
}

export interface PostmanFolder {
  name?: string;
  item: Array<PostmanItem | PostmanFolder>;
  auth?: PostmanAuth | null;
  event?: PostmanEvent[];
  variable?: PostmanVariable[];
}

export interface PostmanCollection {
  info: { name: string; schema: string; _postman_id?: string; description?: unknown };
  item: Array<PostmanItem | PostmanFolder>;
  auth?: PostmanAuth | null;
  event?: PostmanEvent[];
  variable?: PostmanVariable[];
}

export const isFolder = (node: PostmanItem | PostmanFolder): node is PostmanFolder => Array.isArray((node as PostmanFolder).item);
