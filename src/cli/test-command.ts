/**
 * `postback-inspector test plan.yaml [--junit out.xml] [--json] [--control URL --token T]`: runs a
 * scenario plan (src/scenario) and gates CI on it. Exit 0 every expectation held, 1 one did not (or
 * a step broke), 2 the plan is bad (file:line:col and path of the first problem) or the app could
 * not be reached. Headless by default: its own core on free ports and a temporary data folder.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { apiClient } from '../scenario/api-client.js';
import { startHeadless } from '../scenario/headless.js';
import { renderJunit } from '../scenario/junit.js';
import { loadPlan, PlanError, type LoadedPlan } from '../scenario/plan-load.js';
import { progressLine, summary } from '../scenario/progress.js';
import { runPlan, type RunReport } from '../scenario/run-plan.js';
import { SetupError } from '../scenario/setup.js';

export interface TestCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  isTty: boolean;
  env: Record<string, string | undefined>;
  setExitCode(code: number): void;
  exit(code: number, error: CommanderError): never;
}

const processIo: TestCliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTty: process.stderr.isTTY === true,
  env: process.env,
  setExitCode: (code) => void (process.exitCode = code),
  exit: (code) => process.exit(code),
};

interface TestOptions {
  junit?: string;
  json?: boolean;
  control?: string;
  token?: string;
}

export function registerTestCommand(program: Command, overrides: Partial<TestCliIo> = {}): Command {
  const io: TestCliIo = { ...processIo, ...overrides };
  return program
    .command('test')
    .description('Run a scenario plan (YAML): set up mocks and profiles, run the steps, check the expectations. Exit 0 all hold, 1 one fails, 2 bad plan.')
    .argument('<plan>', 'the plan file (schema: docs/scenario-plan.schema.json)')
    .option('--junit <file>', 'write a JUnit XML report here')
    .option('--json', 'print the run report as JSON on stdout (the summary goes to stderr)')
    .option('--control <url>', "run against a running app's control API instead of a headless one")
    .option('--token <token>', 'its control token (default $POSTBACK_INSPECTOR_TOKEN; prefer the variable: arguments show in process lists)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    // Commander exits 1 on usage errors; 1 is kept for "an expectation failed".
    .exitOverride((error) => io.exit(error.exitCode === 0 ? 0 : 2, error))
    .action(async (file: string, options: TestOptions) => {
      io.setExitCode(await runTest(file, options, io));
    });
}

export async function runTest(file: string, options: TestOptions, io: TestCliIo): Promise<number> {
  let loaded: LoadedPlan;
  try {
    loaded = loadPlan(await readFile(file, 'utf8'), file);
  } catch (error) {
    return trouble(error instanceof PlanError ? `bad plan: ${error.message}` : `cannot read ${file}: ${(error as Error).message}`, io);
  }
  const token = options.token ?? io.env['POSTBACK_INSPECTOR_TOKEN'];
  if (options.control && !token) return trouble('--control needs --token (or POSTBACK_INSPECTOR_TOKEN)', io);
  let app: { api: ReturnType<typeof apiClient>; close(): Promise<void> };
  try {
    app = options.control ? { api: apiClient(options.control, token!), close: async () => undefined } : await startHeadless();
  } catch (error) {
    return trouble(`cannot start a headless app: ${(error as Error).message}`, io);
  }
  let report: RunReport;
  try {
    if (io.isTty) io.stderr(`${loaded.plan.name} (${options.control ? options.control : 'headless'})\n`);
    report = await runPlan({ api: app.api, loaded, cleanUp: options.control !== undefined, ...(io.isTty ? { onProgress: (e) => io.stderr(progressLine(e)) } : {}) });
  } catch (error) {
    if (error instanceof SetupError) return trouble(`bad plan: ${loaded.errorAt(error.path, `the app refused it: ${error.message}`).message}`, io);
    return trouble((error as Error).message, io);
  } finally {
    await app.close();
  }
  if (options.junit) await writeFile(options.junit, renderJunit(report), 'utf8');
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    io.stderr(summary(report, io.isTty));
  } else io.stdout(summary(report, io.isTty));
  return report.passed ? 0 : 1;
}

function trouble(message: string, io: TestCliIo): number {
  io.stderr(`postback-inspector test: ${message}\n`);
  return 2;
}
