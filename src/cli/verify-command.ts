import { existsSync, readFileSync, statSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { ProfileInput, SignatureSpec } from '../model/profile.js';
import { getScheme, listSchemes } from '../signatures/index.js';
import { computeVerdict } from '../verdicts/compute-verdict.js';
import { parseRawRequest, RawMessageError } from '../http/raw-message.js';
import { applyOptions, keyFrom, loadProfile, readRequest, SECRET_ENV, UsageError, type InputIo } from './verify-inputs.js';
import { formatVerdict } from './verify-output.js';

export interface VerifyIo extends InputIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** How the command ends normally: 0 valid, 1 invalid, 2 bad usage or unreadable input. */
  setExitCode(code: number): void;
  /** How commander's own usage errors end (unknown option, missing value): it expects no return. */
  abort(code: number): never;
}

interface VerifyOptions {
  scheme?: string;
  secret?: string;
  secretFile?: string;
  secretEncoding?: string;
  publicKey?: string;
  opt: string[];
  request?: string;
  profile?: string;
  now?: string;
  url?: string;
  json?: boolean;
}

/** Bodies are read whole, so decoding is capped like the receiver's default. */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;

export const processIo: VerifyIo = {
  readFile: (path) => readFileSync(path),
  fileExists: (path) => existsSync(path) && statSync(path).isFile(),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // exitCode, not exit(): stdout may still be draining into a pipe.
  setExitCode: (code) => (process.exitCode = code),
  abort: (code) => process.exit(code),
};

/** `postback-inspector verify …`: checks a raw HTTP request against a scheme (and a profile) for CI pipelines. */
export function verifyCommand(program: Command, io: VerifyIo = processIo): Command {
  const command = program
    .command('verify')
    .description('Verify the signature (and with --profile the params) of a raw HTTP/1.1 request, as captured. Exit 0 valid, 1 invalid, 2 bad usage or unreadable input.')
    .option('--scheme <id>', `signature scheme: ${listSchemes().map((s) => s.id).join(', ')}`)
    .option('--secret <secret>', `shared secret (prefer --secret-file or $${SECRET_ENV}: arguments show in process lists)`)
    .option('--secret-file <file>', 'read the shared secret from a file (one trailing newline ignored)')
    .addOption(new Option('--secret-encoding <encoding>', 'how the secret text becomes key bytes').choices(['utf8', 'hex', 'base64']).default('utf8'))
    .option('--public-key <key>', 'public key (PEM, JWK or base64 DER), or a file holding it; replaces Apple keys for skadnetwork/adattributionkit')
    .option('--opt <key=value>', 'scheme option, repeatable; dotted keys reach into objects (signature.in=query)', (value: string, all: string[]) => [...all, value], [])
    .option('--request <file|->', 'the raw request message (request line, headers, blank line, body); - reads stdin')
    .option('--profile <file>', 'a profile JSON (definition, preset or API export): checks the params too')
    .option('--now <unix seconds>', 'verify as of this moment (replaying an old capture against a timestamp tolerance)')
    .option('--url <full URL>', 'the URL as the sender signed it (scheme and host), for schemes that sign the URL')
    .option('--json', 'print the verdict object instead of the explanation')
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    // Commander ends usage errors with 1, which here means "invalid signature": make them 2.
    .exitOverride((error: CommanderError) => io.abort(error.exitCode === 0 ? 0 : 2));
  command.action(async (options: VerifyOptions) => {
    try {
      io.setExitCode(await runVerify(options, io));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`postback-inspector verify: ${error.message}\n`);
      io.setExitCode(2);
    }
  });
  return command;
}

async function runVerify(o: VerifyOptions, io: VerifyIo): Promise<number> {
  if (!o.request) throw new UsageError('--request <file|-> is required');
  if (o.scheme !== undefined && !getScheme(o.scheme)) throw new UsageError(`unknown scheme "${o.scheme}"; known: ${listSchemes().map((s) => s.id).join(', ')}`);
  const nowSec = o.now === undefined ? Math.floor(Date.now() / 1000) : Number(o.now);
  if (!Number.isInteger(nowSec) || nowSec < 0) throw new UsageError('--now is a unix time in whole seconds');
  if (o.url !== undefined && !/^https?:\/\/[^/?#\s]+/i.test(o.url)) throw new UsageError('--url is an absolute http(s) URL');
  const profile = o.profile === undefined ? null : loadProfile(io, o.profile);
  const signature = signatureSpec(o, profile);
  if (!signature && !profile) throw new UsageError('give --scheme (or a --profile with a signature scheme)');
  const key = keyFrom(io, o);

  let parsed;
  try {
    parsed = parseRawRequest(await readRequest(io, o.request));
  } catch (error) {
    if (error instanceof RawMessageError) throw new UsageError(`the request is not a raw HTTP/1.1 message: ${error.message}`);
    throw error;
  }
  const verdict = computeVerdict({
    exchangeId: null,
    request: parsed.request,
    nowSec,
    profile: profile ? { id: null, input: profile } : null,
    key,
    signature,
    ...((o.url ?? parsed.fullUrl) ? { fullUrl: (o.url ?? parsed.fullUrl)! } : {}),
    maxDecodedBytes: MAX_DECODED_BYTES,
  });
  // A scheme that cannot run (no secret, wrong key kind) is a usage problem, not an invalid request.
  if (verdict.signature.status === 'error') throw new UsageError(verdict.signature.reason ?? 'the scheme cannot verify with these options');
  const shown = { ...verdict, notes: parsed.notes };
  io.stdout(o.json ? JSON.stringify(shown, null, 2) + '\n' : formatVerdict(shown));
  return verdict.status === 'fail' ? 1 : 0;
}

/** --scheme with --opt over the profile's options when it is the profile's scheme; else the profile's own. */
function signatureSpec(o: VerifyOptions, profile: ProfileInput | null): SignatureSpec | null {
  const own = profile?.signature ?? null;
  const id = o.scheme ?? own?.scheme;
  if (!id) {
    if (o.opt.length > 0) throw new UsageError('--opt needs a scheme (--scheme, or a profile with one)');
    return null;
  }
  const scheme = getScheme(id);
  if (!scheme) throw new UsageError(`the profile's scheme "${id}" is unknown`);
  const profileOptions = own?.scheme === id ? (own.options ?? {}) : {};
  const options = applyOptions({ ...(scheme.defaults as Record<string, unknown>), ...profileOptions }, o.opt);
  return { scheme: id, options, ...(own?.signedUrl ? { signedUrl: own.signedUrl } : {}) };
}
