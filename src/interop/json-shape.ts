/**
 * The few shape checks the importers of outside JSON (HAR, Postman collections) are built from.
 * Each throws at the first problem with its JSON path (`$.log.entries[3].request.url`), through
 * the importer's own error class, so a caller can tell a refused file from a bug.
 */
export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** CR, LF or NUL in a header would make a different message on the wire than the one imported. */
export const unsafeHeaderChars = /[\r\n\0]/;
export const methodToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface ShapeChecks {
  object(value: unknown, path: string): Obj;
  string(value: unknown, path: string): string;
  number(value: unknown, path: string): number;
  boolean(value: unknown, path: string): boolean;
  array(value: unknown, path: string): unknown[];
  optional<T>(o: Obj, key: string, path: string, check: (v: unknown, p: string) => T): T | undefined;
}

export function shapeChecks(fail: (path: string, problem: string) => Error): ShapeChecks {
  return {
    object(value, path) {
      if (!isObject(value)) throw fail(path, 'must be an object');
      return value;
    },
    string(value, path) {
      if (typeof value !== 'string') throw fail(path, 'must be a string');
      return value;
    },
    number(value, path) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(path, 'must be a number');
      return value;
    },
    boolean(value, path) {
      if (typeof value !== 'boolean') throw fail(path, 'must be true or false');
      return value;
    },
    array(value, path) {
      if (!Array.isArray(value)) throw fail(path, 'must be an array');
      return value;
    },
    optional(o, key, path, check) {
      return o[key] === undefined ? undefined : check(o[key], `${path}.${key}`);
    },
  };
}
