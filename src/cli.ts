import { Command, InvalidArgumentError, Option } from 'commander';
import { registerCaCommand } from './cli/ca-command.js';
import { registerDiffCommand } from './cli/diff-command.js';
import { registerReportCommand } from './cli/report-command.js';
import { registerHarExportCommand } from './cli/har-export-command.js';
import { registerHarImportCommand } from './cli/har-import-command.js';
import { verifyCommand } from './cli/verify-command.js';
import { sendCommand } from './cli/send-command.js';
import { registerTestCommand } from './cli/test-command.js';
import { createCore } from './index.js';
import { builtUiDir } from './package-root.js';
import { startServeTunnel } from './tunnel/serve-tunnel.js';

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

/** Absent receiver flags are left to the core: the saved Settings, else the built-in defaults. */
interface ServeOptions {
  receiverPort?: number;
  controlPort: number;
  bind?: string;
  data?: string;
  json?: boolean;
  maxBody?: number;
  maxConnections?: number;
  requestTimeout?: number;
  retentionMaxAge?: number;
  retentionMaxSize?: number;
  timeScale?: number;
  tunnel?: string | true;
  tunnelUrl?: string;
  httpsPort?: number;
  tlsName?: string[];
}

async function serve(options: ServeOptions): Promise<void> {
  const core = await createCore({
    ...(options.data ? { dataDir: options.data } : {}),
    receiver: {
      ...(options.bind !== undefined ? { host: options.bind } : {}),
      ...(options.receiverPort !== undefined ? { port: options.receiverPort } : {}),
      ...(options.httpsPort !== undefined ? { httpsPort: options.httpsPort } : {}),
      ...(options.tlsName ? { tlsNames: options.tlsName } : {}),
    },
    control: { port: options.controlPort, uiDir: builtUiDir() },
    limits: {
      ...(options.maxBody ? { maxBodyBytes: options.maxBody } : {}),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
      ...(options.requestTimeout ? { requestTimeoutMs: options.requestTimeout } : {}),
    },
    ...(options.timeScale ? { sender: { timeScale: options.timeScale } } : {}),
    ...(options.retentionMaxAge || options.retentionMaxSize ? { retention: { maxAgeDays: options.retentionMaxAge ?? null, maxBytes: options.retentionMaxSize ?? null } } : {}),
  });
  let tunnelUrl: string | null = null;
  if (options.tunnel !== undefined) {
    try {
      tunnelUrl = await startServeTunnel(core.tunnel, options.tunnel, options.tunnelUrl, (text) => void process.stderr.write(text));
    } catch (error) {
      await core.close();
      throw error;
    }
  }
  if (options.json) {
    process.stdout.write(
      JSON.stringify({
        receiverUrl: core.receiverUrl,
        ...(core.httpsReceiverUrl ? { httpsReceiverUrl: core.httpsReceiverUrl } : {}),
        controlUrl: core.controlUrl,
        token: core.token,
        dataDir: core.config.dataDir,
        ...(options.tunnel !== undefined ? { tunnelUrl } : {}),
      }) + '\n',
    );
  } else {
    process.stdout.write(
      [
        'Postback Inspector (headless)',
        `  Receiver  ${core.receiverUrl}   point postbacks here`,
        ...(tunnelUrl ? [`  Public    ${tunnelUrl}   partners on the internet post here (tunnel to the receiver only)`] : []),
        ...(core.httpsReceiverUrl ? [`  HTTPS     ${core.httpsReceiverUrl}   local CA: postback-inspector ca --install`] : []),
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
    // No commander defaults for what Settings can save: flag ?? saved ?? built-in default (src/config.ts).
    .addOption(new Option('--receiver-port <port>', 'receiver port (0 = any free port; default: the one saved in Settings, else 4100)').argParser(port))
    .addOption(new Option('--control-port <port>', 'control API / UI port on 127.0.0.1 (0 = any free port)').argParser(port).default(0))
    .option('--bind <address>', 'receiver bind address (0.0.0.0 to accept postbacks from the LAN; default: the one saved in Settings, else 127.0.0.1)')
    .option('--data <dir>', 'data folder (default: the per-user app data folder, or $POSTBACK_INSPECTOR_DATA)')
    .addOption(new Option('--max-body <size>', 'largest accepted request body (default: the one saved in Settings, else 10m)').argParser(bytes))
    .addOption(new Option('--max-connections <n>', 'open receiver connections; more are refused and counted (default 1024)').argParser(positive))
    .addOption(new Option('--request-timeout <ms>', 'longest a request may take to arrive, head and body (default 60000; 408 and logged past it)').argParser(positive))
    .addOption(new Option('--retention-max-age <days>', 'delete exchanges older than this many days (saved in the data folder; pinned baselines and unsent postbacks are kept)').argParser(positive))
    .addOption(new Option('--retention-max-size <size>', 'delete the oldest exchanges while the store holds more than this, e.g. 2g (saved in the data folder)').argParser(bytes))
    .addOption(new Option('--time-scale <factor>', 'run retry schedules faster, e.g. 1000 plays 24 h of retries in under 90 s').argParser(positive))
    .option('--tunnel [client]', 'expose the receiver (only) to the internet through cloudflared (default), ngrok or ssh:<user@host[:remote-port]> (remote port 80 by default), found on PATH')
    .option('--tunnel-url <url>', 'with --tunnel ssh:<user@host[:remote-port]>: the public URL the SSH server forwards to the receiver')
    .addOption(new Option('--https-port <port>', 'also run an HTTPS receiver (h2 and HTTP/1.1, local CA in the data folder) on this port (0 = any free port)').argParser(port))
    .addOption(new Option('--tls-name <name>', 'a host name or IP the HTTPS certificate covers beyond localhost/127.0.0.1/::1 (repeatable)').argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]))
    .option('--json', 'print one JSON line {receiverUrl, httpsReceiverUrl?, controlUrl, token, dataDir, tunnelUrl?} once ready')
    .action(serve);
  registerCaCommand(program);
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
