import { Command, InvalidArgumentError, Option } from 'commander';
import { registerDiffCommand } from './cli/diff-command.js';
import { registerReportCommand } from './cli/report-command.js';
import { registerHarExportCommand } from './cli/har-export-command.js';
import { registerHarImportCommand } from './cli/har-import-command.js';
import { verifyCommand } from './cli/verify-command.js';
import { sendCommand } from './cli/send-command.js';
import { registerTestCommand } from './cli/test-command.js';
import { createCore } from './index.js';
import { builtUiDir } from './package-root.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number');
  return n;
}

function bytes(value: string): number {
  const match = /^(\d+)(k|m|g)?i?b?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('a size such as 10485760, 512k or 10m');
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  return Number(match[1]) * unit;
}

interface ServeOptions {
  receiverPort: number;
  controlPort: number;
  bind: string;
  data?: string;
  json?: boolean;
  maxBody?: number;
  maxConnections?: number;
  requestTimeout?: number;
  retentionMaxAge?: number;
  retentionMaxSize?: number;
  timeScale?: number;
}

async function serve(options: ServeOptions): Promise<void> {
  const core = await createCore({
    ...(options.data ? { dataDir: options.data } : {}),
    receiver: { host: options.bind, port: options.receiverPort },
    control: { port: options.controlPort, uiDir: builtUiDir() },
    limits: {
      ...(options.maxBody ? { maxBodyBytes: options.maxBody } : {}),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
      ...(options.requestTimeout ? { requestTimeoutMs: options.requestTimeout } : {}),
    },
    ...(options.timeScale ? { sender: { timeScale: options.timeScale } } : {}),
    ...(options.retentionMaxAge || options.retentionMaxSize ? { retention: { maxAgeDays: options.retentionMaxAge ?? null, maxBytes: options.retentionMaxSize ?? null } } : {}),
  });
  if (options.json) {
    process.stdout.write(JSON.stringify({ receiverUrl: core.receiverUrl, controlUrl: core.controlUrl, token: core.token, dataDir: core.config.dataDir }) + '\n');
  } else {
    process.stdout.write(
      [
        'Postback Inspector (headless)',
        `  Receiver  ${core.receiverUrl}   point postbacks here`,
        `  UI        ${core.controlUrl}/#token=${core.token}`,
        `  Data      ${core.config.dataDir}`,
        '',
        `Try: curl "${core.receiverUrl}/postback?click_id=test-1&event=install&payout=1.50&currency=USD"`,
        'Ctrl+C stops.',
        '',
      ].join('\n'),
    );
  }
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    core.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`error while closing: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export function buildCli(): Command {
  const program = new Command('postback-inspector').description('Capture, inspect, sign and send ad-tech postbacks.');
  program
    .command('serve')
    .description('Run the receiver and the control API (with the UI) without the desktop window')
    .addOption(new Option('--receiver-port <port>', 'receiver port (0 = any free port)').argParser(port).default(4100))
    .addOption(new Option('--control-port <port>', 'control API / UI port on 127.0.0.1 (0 = any free port)').argParser(port).default(0))
    .option('--bind <address>', 'receiver bind address (0.0.0.0 to accept postbacks from the LAN)', '127.0.0.1')
    .option('--data <dir>', 'data folder (default: the per-user app data folder, or $POSTBACK_INSPECTOR_DATA)')
    .addOption(new Option('--max-body <size>', 'largest accepted request body (default 10m)').argParser(bytes))
    .addOption(new Option('--max-connections <n>', 'open receiver connections; more are refused and counted (default 1024)').argParser(positive))
    .addOption(new Option('--request-timeout <ms>', 'longest a request may take to arrive, head and body (default 60000; 408 and logged past it)').argParser(positive))
    .addOption(new Option('--retention-max-age <days>', 'delete exchanges older than this many days (saved in the data folder; pinned baselines and unsent postbacks are kept)').argParser(positive))
    .addOption(new Option('--retention-max-size <size>', 'delete the oldest exchanges while the store holds more than this, e.g. 2g (saved in the data folder)').argParser(bytes))
    .addOption(new Option('--time-scale <factor>', 'run retry schedules faster, e.g. 1000 plays 24 h of retries in under 90 s').argParser(positive))
    .option('--json', 'print one JSON line {receiverUrl, controlUrl, token, dataDir} once ready')
    .action(serve);
  registerDiffCommand(program);
  registerReportCommand(program);
  registerHarExportCommand(program);
  registerHarImportCommand(program);
  verifyCommand(program);
  sendCommand(program);
  registerTestCommand(program);
  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((error: Error) => {
    process.stderr.write(`postback-inspector: ${error.message}\n`);
    process.exit(2);
  });
