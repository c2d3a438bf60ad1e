/**
 * `postback-inspector diff <a> <b>`: compares two requests given as raw HTTP message files (what
 * GET /api/exchanges/:id/raw returns) or as exchange ids of a running instance. Exit status like
 * diff(1): 0 identical under the ignore rules, 1 different, 2 bad usage or trouble, so it can gate
 * a CI step. The comparison runs locally with the same code as the API.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { compareSides } from '../comparison/compare.js';
import { markdownWithSides } from '../comparison/markdown.js';
import { checkIgnoreList } from '../comparison/options.js';
import { parseRawMessage } from '../http/raw-message.js';
import { prepareSide, type RequestParts } from '../comparison/sides.js';
import { diffToText } from '../comparison/text-report.js';
import type { AppliedOptions } from '../model/comparison.js';

export interface DiffCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** The verdict: 0 identical, 1 different, 2 bad usage or trouble. */
  setExitCode(code: number): void;
  /** Commander's own usage errors (already printed): must not return. Tests throw instead of exiting. */
  exit(code: number, error: CommanderError): never;
  fileExists(path: string): boolean;
  readFile(path: string): Promise<Buffer>;
  fetch: typeof fetch;
}

const processIo: DiffCliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  // exitCode, not exit(): a piped stdout must get the whole report before the process ends.
  setExitCode: (code) => void (process.exitCode = code),
  exit: (code) => process.exit(code),
  fileExists: (path) => existsSync(path),
  readFile: (path) => readFile(path),
  fetch: (...args) => fetch(...args),
};

interface DiffCliOptions {
  ignore: string[];
  paramOrder?: boolean;
  headerOrder?: boolean;
  volatileHeaders?: boolean;
  moveAware?: boolean;
  markdown?: boolean;
  json?: boolean;
  api?: string;
  token?: string;
}

/** A problem the user can fix (missing file, unreachable API…): printed as one line, exit 2. */
class UsageError extends Error {}

/** Same cap as the core's default (limits.maxDecodedBytes): a gzip bomb in a file stops there. */
const maxDecodedBytes = 64 * 1024 * 1024;

export function registerDiffCommand(program: Command, overrides: Partial<DiffCliIo> = {}): Command {
  const io: DiffCliIo = { ...processIo, ...overrides };
  const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').filter((v) => v.trim() !== '')];
  return program
    .command('diff')
    .description('Compare two requests: raw HTTP message files, or exchange ids of a running instance. Exit 0 identical, 1 different, 2 bad usage.')
    .argument('<a>', 'left: a raw request file (as GET /api/exchanges/:id/raw returns) or an exchange id')
    .argument('<b>', 'right: a raw request file or an exchange id')
    .option('--ignore <rules>', 'ignore rules, comma-separated, repeatable: ts, query.sig, header.date, $.meta.nonce, body', collect, [])
    .option('--param-order', 'count a query/form param order change as a difference')
    .option('--header-order', 'count a header order change as a difference')
    .option('--volatile-headers', 'count volatile headers (date, user-agent, content-length…)')
    .option('--move-aware', 'JSON arrays: report a moved element as one move')
    .addOption(new Option('--markdown', 'print Markdown for a bug report').conflicts('json'))
    .addOption(new Option('--json', 'print the structured result').conflicts('markdown'))
    .option('--api <url>', 'control API URL, for ids (default $POSTBACK_INSPECTOR_API)')
    .option('--token <token>', 'control API token, for ids (default $POSTBACK_INSPECTOR_TOKEN; prefer the variable: arguments show in process lists)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    // Commander exits 1 on usage errors; our contract keeps 1 for "different".
    .exitOverride((error) => io.exit(error.exitCode === 0 ? 0 : 2, error))
    .action(async (a: string, b: string, options: DiffCliOptions) => {
      try {
        io.setExitCode(await runDiff(a, b, options, io));
      } catch (error) {
        io.stderr(`postback-inspector diff: ${error instanceof Error ? error.message : String(error)}\n`);
        io.setExitCode(2);
      }
    });
}

async function runDiff(a: string, b: string, options: DiffCliOptions, io: DiffCliIo): Promise<number> {
  const applied: AppliedOptions = {
    ignore: checkIgnoreList(options.ignore, '--ignore'),
    paramOrder: options.paramOrder ?? false,
    headerOrder: options.headerOrder ?? false,
    volatileHeaders: options.volatileHeaders ?? false,
    jsonArrays: options.moveAware ? 'move-aware' : 'index',
  };
  const [left, right] = await Promise.all([load(a, options, io), load(b, options, io)]);
  for (const [side, warning] of [...left.warnings.map((w) => [a, w]), ...right.warnings.map((w) => [b, w])]) io.stderr(`warning: ${side}: ${warning}\n`);
  const diff = compareSides(prepareSide('left', left.parts, maxDecodedBytes), prepareSide('right', right.parts, maxDecodedBytes), applied);
  if (options.json) io.stdout(`${JSON.stringify({ left: left.label, right: right.label, options: applied, ...diff }, null, 2)}\n`);
  else if (options.markdown) io.stdout(markdownWithSides(diff, left.label, right.label));
  else io.stdout(diffToText(diff));
  return diff.identical ? 0 : 1;
}

interface Loaded {
  label: string;
  parts: RequestParts;
  warnings: string[];
}

/** An existing file wins over an id, so a file named `12` is still a file. */
async function load(arg: string, options: DiffCliOptions, io: DiffCliIo): Promise<Loaded> {
  if (io.fileExists(arg)) return fromMessage(arg, await io.readFile(arg));
  if (!/^\d+$/.test(arg)) throw new UsageError(`${arg}: no such file (and not an exchange id)`);
  const api = options.api ?? io.env['POSTBACK_INSPECTOR_API'];
  const token = options.token ?? io.env['POSTBACK_INSPECTOR_TOKEN'];
  if (!api || !token) throw new UsageError(`${arg} is not a file; to compare exchange ids give --api and --token (or POSTBACK_INSPECTOR_API and POSTBACK_INSPECTOR_TOKEN)`);
  const url = `${api.replace(/\/+$/, '')}/api/exchanges/${arg}/raw`;
  let response: Response;
  try {
    response = await io.fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new UsageError(`cannot reach the control API at ${api}: ${(error as Error).message}`);
  }
  if (response.status === 404) throw new UsageError(`exchange ${arg} not found at ${api}`);
  if (response.status === 401) throw new UsageError(`the control API at ${api} refused the token`);
  if (!response.ok) throw new UsageError(`the control API at ${api} answered ${response.status} for exchange ${arg}`);
  return fromMessage(`#${arg}`, Buffer.from(await response.arrayBuffer()));
}

function fromMessage(label: string, bytes: Buffer): Loaded {
  try {
    const message = parseRawMessage(bytes);
    return { label, parts: { method: message.method, target: message.target, rawHeaders: message.rawHeaders, body: message.body }, warnings: message.warnings };
  } catch (error) {
    throw new UsageError(`${label}: ${(error as Error).message}`);
  }
}
