import type { ProfileInput, SecretEncodingName } from '../model/profile.js';
import { keyMaterial, parseSecretInput } from '../profiles/secrets.js';
import { stripStored, validateProfile } from '../profiles/validate-profile.js';
import type { KeyMaterial } from '../signatures/types.js';

/** Bad usage or unreadable input: exit 2 with this message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface InputIo {
  readFile(path: string): Buffer;
  fileExists(path: string): boolean;
  readStdin(): Promise<Buffer>;
  env: Record<string, string | undefined>;
}

/** The environment variable read when no secret option is given: keeps the secret off the command line (and out of `ps`). */
export const SECRET_ENV = 'POSTBACK_INSPECTOR_SECRET';

export function readInput(io: InputIo, path: string, what: string): Buffer {
  try {
    return io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function readRequest(io: InputIo, path: string): Promise<Buffer> {
  const bytes = path === '-' ? await io.readStdin() : readInput(io, path, 'request file');
  if (bytes.length === 0) throw new UsageError(`the request ${path === '-' ? 'on stdin' : JSON.stringify(path)} is empty`);
  return bytes;
}

/** A profile file: a profile definition, a preset (`{ profile }`), or a profile as GET /api/profiles/:id returns it. */
export function loadProfile(io: InputIo, path: string): ProfileInput {
  let json: unknown;
  try {
    json = JSON.parse(readInput(io, path, 'profile file').toString('utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`the profile file ${JSON.stringify(path)} is not JSON: ${(error as Error).message}`);
  }
  const candidate = typeof json === 'object' && json !== null && 'profile' in json ? (json as { profile: unknown }).profile : json;
  const check = validateProfile(stripStored(candidate));
  if (!check.ok) throw new UsageError(`the profile file is not a valid profile: ${check.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return check.profile;
}

export interface KeyOptions {
  secret?: string;
  secretFile?: string;
  secretEncoding?: string;
  publicKey?: string;
}

/** At most one key source; a secret file's final newline is not part of the secret (editors add one). */
export function keyFrom(io: InputIo, o: KeyOptions): KeyMaterial | null {
  const given = [o.secret !== undefined, o.secretFile !== undefined, o.publicKey !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError('give only one of --secret, --secret-file and --public-key');
  const encoding = (o.secretEncoding ?? 'utf8') as SecretEncodingName;
  if (o.publicKey !== undefined) {
    const material = io.fileExists(o.publicKey) ? readInput(io, o.publicKey, 'public key file').toString('utf8') : o.publicKey;
    return checked({ secret: material, kind: 'public-key', encoding: 'utf8' });
  }
  let secret = o.secret;
  if (o.secretFile !== undefined) secret = readInput(io, o.secretFile, 'secret file').toString('utf8').replace(/\r?\n$/, '');
  secret ??= io.env[SECRET_ENV];
  return secret === undefined ? null : checked({ secret, kind: 'shared', encoding });
}

function checked(body: { secret: string; kind: string; encoding: string }): KeyMaterial {
  const input = parseSecretInput(body);
  // The message names the problem (encoding, key shape), never the secret.
  if ('error' in input) throw new UsageError(`${input.field === 'secret' ? 'the secret' : input.field}: ${input.error}`);
  return keyMaterial(input)!;
}

/**
 * `--opt signature.in=query --opt prefix=sha256=`: dotted paths into the options; each value is
 * typed after what already sits at that path (the scheme's default or the profile's option), so
 * `separator=1` stays a string while `toleranceSec=600` becomes a number. JSON is read for
 * objects and arrays (`--opt 'fields=["a","b"]'`).
 */
export function applyOptions(base: Record<string, unknown>, pairs: readonly string[]): Record<string, unknown> {
  const options = structuredClone(base);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--opt ${JSON.stringify(pair)}: expected key=value`);
    const path = pair.slice(0, eq).split('.');
    const raw = pair.slice(eq + 1);
    let node = options;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
    }
    const last = path[path.length - 1]!;
    node[last] = coerce(raw, node[last], pair);
  }
  return options;
}

function coerce(raw: string, current: unknown, pair: string): unknown {
  if (typeof current === 'string') return raw;
  if (typeof current === 'number' || (current === undefined && /^-?\d+(?:\.\d+)?$/.test(raw))) {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new UsageError(`--opt ${pair}: a number is expected`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UsageError(`--opt ${pair}: true or false is expected`);
    return raw === 'true';
  }
  if (/^[[{"]/.test(raw) || raw === 'null' || raw === 'true' || raw === 'false') {
    try {
      return JSON.parse(raw) as unknown;
    } catch (error) {
      throw new UsageError(`--opt ${pair}: not valid JSON (${(error as Error).message})`);
    }
  }
  return raw;
}
