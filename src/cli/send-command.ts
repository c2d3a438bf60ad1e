import { Command, InvalidArgumentError, Option } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreEvents } from '../events.js';
import type { RawHeaders } from '../model/exchange.js';
import type { BodyMode, MacroDialect, RetryPolicy, RetryPreset, SuccessRule, TemplateSpec } from '../model/sender.js';
import { isDialect, macroDialects } from '../sender/dialects.js';
import { createSender, importCurl, parseTemplateSpec, retryPresetNames, SenderInputError, SendRefusedError, type SendInput } from '../sender/index.js';
import { ExchangesRepository } from '../store/exchanges-repository.js';
import { openDatabase } from '../store/open-database.js';
import { formatRefusal, formatResult } from '../sender/format-result.js';
import { headerValue } from '../http/headers.js';
import { acquireDataFolderLock, readLockHolder, type DataFolderLock } from '../store/data-folder-lock.js';
import { CoreError } from '../errors.js';
import { forwardSend, type ForwardedSend } from './send-forward.js';

export interface SendOptions {
  url?: string;
  method?: string;
  header: string[];
  data?: string;
  bodyMode?: BodyMode;
  template?: string;
  curl?: string;
  dialect?: MacroDialect;
  var: string[];
  retries?: RetryPolicy;
  success?: SuccessRule;
  timeout?: number;
  timeScale?: number;
  followRedirects?: boolean;
  insecure?: boolean;
  sendAnyway?: boolean;
  dataDir?: string;
  json?: boolean;
  preview?: boolean;
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const positive = (what: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a positive number`);
  return n;
};

/** `none`, a count (exponential backoff from 1 s), a preset name, or `exp:base,factor,maxAttempts[,maxDelay]` (ms). */
export function parseRetries(value: string): RetryPolicy {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === '0') return { kind: 'none' };
  if (/^\d+$/.test(v)) return { kind: 'exponential', baseMs: 1000, factor: 2, maxAttempts: Number(v) + 1, maxDelayMs: 60_000 };
  if ((retryPresetNames as string[]).includes(v)) return { kind: 'preset', preset: v as RetryPreset };
  const exp = /^exp:(\d+),(\d+(?:\.\d+)?),(\d+)(?:,(\d+))?$/.exec(v);
  if (exp) return { kind: 'exponential', baseMs: Number(exp[1]), factor: Number(exp[2]), maxAttempts: Number(exp[3]), maxDelayMs: Number(exp[4] ?? 3_600_000) };
  throw new InvalidArgumentError(`none, a number of retries, ${retryPresetNames.join('|')}, or exp:base,factor,maxAttempts[,maxDelay]`);
}

/** `2xx`, `200`, `200,201`, `body:OK` (equals), `contains:success=true;`, `regex:^OK`. */
export function parseSuccess(value: string): SuccessRule {
  if (value === '2xx') return { status: '2xx' };
  if (/^\d{3}(,\d{3})*$/.test(value)) {
    const codes = value.split(',').map(Number);
    return { status: codes.length === 1 ? codes[0]! : codes };
  }
  const body = /^(body|contains|regex):(.*)$/s.exec(value);
  if (body) return { body: { mode: body[1] === 'body' ? 'equals' : (body[1] as 'contains' | 'regex'), value: body[2]! } };
  throw new InvalidArgumentError('2xx, a status like 200 or 200,201, body:<text>, contains:<text> or regex:<pattern>');
}

/** Adds `postback-inspector send` to the CLI. */
export function sendCommand(program: Command, io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }): Command {
  return program
    .command('send')
    .description('Send one postback and exit 0 only when it is delivered (1: not delivered or refused, 2: bad usage)')
    .option('--url <url>', 'URL, macros allowed (e.g. "https://t.example/pb?click_id={click_id}")')
    .option('-X, --method <method>', 'HTTP method (default GET, or POST with --data)')
    .option('-H, --header <name:value>', 'header, repeatable, macros allowed', collect, [])
    .option('-d, --data <body>', 'request body, macros allowed')
    .addOption(new Option('--body-mode <mode>', 'how macros in the body are encoded (default: from Content-Type)').choices(['none', 'form', 'json', 'raw']))
    .option('--template <file>', 'a template JSON file, or a file holding a curl command')
    .option('--curl <command>', 'a curl command to import as the template')
    .addOption(new Option('--dialect <dialect>', 'macro dialect (default curly, or guessed for curl)').choices([...macroDialects]))
    .option('--var <name=value>', 'a macro value, repeatable', collect, [])
    .addOption(new Option('--retries <policy>', `none, a count, ${retryPresetNames.join('|')}, or exp:base,factor,maxAttempts[,maxDelay]`).argParser(parseRetries))
    .addOption(new Option('--success <rule>', '2xx (default), 200, 200,201, body:OK, contains:text, regex:pattern').argParser(parseSuccess))
    .addOption(new Option('--timeout <ms>', 'per-request timeout').argParser(positive('timeout')))
    .addOption(new Option('--time-scale <n>', 'divide retry delays by n (1000: a 15-minute wait takes 0.9 s)').argParser(positive('time scale')))
    .option('--follow-redirects', 'follow redirects (partners usually do not)')
    .option('--insecure', 'accept untrusted TLS certificates (test servers)')
    .option('--send-anyway', 'send even with unknown/unreplaced macros or empty values')
    .option('--data-dir <dir>', "record the send in this data folder (e.g. the app's); default: a temporary one")
    .option('--json', 'print the result as JSON')
    .option('--preview', 'print the expanded request and exit without sending')
    .action(async (options: SendOptions) => {
      process.exitCode = await runSend(options, io);
    });
}

/** The command's work, separate from commander so tests can run it in-process. Returns the exit code. */
export async function runSend(options: SendOptions, io: Io): Promise<number> {
  const { template, insecureTls } = buildTemplate(options);
  const vars: Record<string, string> = {};
  for (const pair of options.var) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InvalidArgumentError(`--var ${pair}: expected name=value`);
    vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const input: SendInput = {
    template,
    vars,
    ...(options.retries ? { retry: options.retries } : {}),
    ...(options.success ? { success: options.success } : {}),
    ...(options.timeout ? { timeoutMs: options.timeout } : {}),
    ...(options.followRedirects ? { followRedirects: true } : {}),
    ...(options.sendAnyway ? { sendAnyway: true } : {}),
  };
  // Held for the send, so an app started meanwhile waits instead of resuming this send too.
  let lock: DataFolderLock | null = null;
  if (options.dataDir !== undefined) {
    try {
      lock = acquireDataFolderLock(options.dataDir);
    } catch (error) {
      if (!(error instanceof CoreError && error.code === 'DATA_FOLDER_LOCKED')) throw error;
      return report(await sendThroughHolder(options.dataDir, input, options, insecureTls, io), options, io);
    }
  }
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'postback-inspector-send-'));
  const db = openDatabase(join(dataDir, 'postbacks.sqlite'));
  const sender = createSender({
    db,
    exchanges: new ExchangesRepository(db),
    events: new CoreEvents(),
    // Never pick up the app's own pending sends from a shared data folder.
    // One postback: no writer thread to start for it.
    config: { resume: false, writerThread: false, ...(options.timeScale ? { timeScale: options.timeScale } : {}), ...(insecureTls || options.insecure ? { insecureTls: true } : {}) },
  });
  await sender.start();
  try {
    if (options.preview) {
      const preview = sender.preview(input);
      return report({ kind: 'preview', preview }, options, io);
    }
    try {
      return report({ kind: 'result', result: await sender.send({ ...input, wait: 'final' }) }, options, io);
    } catch (error) {
      if (error instanceof SendRefusedError) return report({ kind: 'refused', problems: error.problems, preview: error.preview }, options, io);
      if (error instanceof SenderInputError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  } finally {
    await sender.close();
    db.close();
    lock?.release();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The running app that holds the folder sends it, with this command's options. */
async function sendThroughHolder(dataDir: string, input: SendInput, options: SendOptions, insecureTls: boolean, io: Io): Promise<ForwardedSend> {
  const holder = readLockHolder(dataDir);
  if (!holder?.controlUrl || !holder.token) {
    throw new Error(`the data folder ${dataDir} is in use by ${holder ? `pid ${holder.pid}, which is still starting` : 'another Postback Inspector'}; try again, or send without --data-dir`);
  }
  const overrides = { ...(options.timeScale ? { timeScale: options.timeScale } : {}), ...(insecureTls || options.insecure ? { insecureTls: true } : {}) };
  io.err(`sending through the running app (pid ${holder.pid}, ${holder.controlUrl}), which holds ${dataDir}\n`);
  return forwardSend({ ...holder, controlUrl: holder.controlUrl, token: holder.token }, { ...input, ...overrides }, options.preview === true);
}

/** Prints the outcome, local or forwarded, the same way; returns the exit code. */
function report(outcome: ForwardedSend, options: SendOptions, io: Io): number {
  switch (outcome.kind) {
    case 'preview':
      io.out(options.json ? `${JSON.stringify(outcome.preview, null, 2)}\n` : formatRefusal(outcome.preview, outcome.preview.problems, false));
      return outcome.preview.problems.length === 0 ? 0 : 1;
    case 'refused':
      io.out(options.json ? `${JSON.stringify({ delivered: false, refused: true, problems: outcome.problems, preview: outcome.preview }, null, 2)}\n` : formatRefusal(outcome.preview, outcome.problems, true));
      return 1;
    case 'result':
      io.out(options.json ? `${JSON.stringify(outcome.result, null, 2)}\n` : formatResult(outcome.result));
      return outcome.result.delivered ? 0 : 1;
  }
}

function buildTemplate(options: SendOptions): { template: TemplateSpec; insecureTls: boolean } {
  let base: TemplateSpec | null = null;
  let insecureTls = false;
  const fromCurl = (command: string): TemplateSpec => {
    const imported = importCurl(command);
    insecureTls = imported.insecureTls;
    for (const warning of imported.warnings) process.stderr.write(`warning: ${warning}\n`);
    return imported.template;
  };
  if (options.template) {
    const text = readFileSync(options.template, 'utf8');
    base = text.trim().startsWith('{') ? parseTemplateSpec(JSON.parse(text)) : fromCurl(text);
  } else if (options.curl) base = fromCurl(options.curl);
  if (!base && !options.url) throw new InvalidArgumentError('give --url, --template or --curl');

  const headers: RawHeaders = [...(base?.headers ?? [])];
  for (const header of options.header) {
    const colon = header.indexOf(':');
    if (colon <= 0) throw new InvalidArgumentError(`--header ${header}: expected name:value`);
    headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
  }
  const body = options.data ?? base?.body ?? '';
  const contentType = headerValue(headers, 'content-type') ?? '';
  const guessedMode: BodyMode = body === '' ? 'none' : /json/i.test(contentType) ? 'json' : /x-www-form-urlencoded/i.test(contentType) ? 'form' : 'raw';
  const bodyMode = options.bodyMode ?? (options.data !== undefined ? guessedMode : (base?.bodyMode ?? guessedMode));
  const dialect = options.dialect ?? base?.dialect ?? 'curly';
  if (!isDialect(dialect)) throw new InvalidArgumentError(`unknown dialect ${dialect}`);
  return {
    template: parseTemplateSpec({
      ...base,
      url: options.url ?? base!.url,
      method: options.method ?? (options.data !== undefined && !base ? 'POST' : (base?.method ?? 'GET')),
      headers,
      body,
      bodyMode,
      dialect,
    }),
    insecureTls,
  };
}
