/**
 * `postback-inspector report --from … --to … [--profile …] --out report.html`: the integration
 * report from a data folder, offline. It opens the SQLite file read-only: a report is a read, so it
 * needs no token, works whether the app is running or not (WAL lets a reader beside the writer),
 * and can never disturb a running instance. The app keeps the metrics current after each commit;
 * exchanges it has not counted yet (it was closed mid catch-up) are reported as a warning.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Command, Option } from 'commander';
import { defaultDataDir } from '../config.js';
import { collectReport } from '../interop/report-data.js';
import { renderReportHtml } from '../interop/report-html.js';
import { reportSecretMask } from '../interop/report-redact.js';
import { renderReportCsv, renderReportJson } from '../interop/report-rows.js';
import { parseMetricsQuery } from '../metrics/filter-params.js';
import { createMetrics } from '../metrics/index.js';
import { secretsForReport } from '../profiles/report-secrets.js';

export interface ReportCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  setExitCode(code: number): void;
  writeFile(path: string, text: string): Promise<void>;
}

const processIo: ReportCliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  setExitCode: (code) => void (process.exitCode = code),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
};

interface ReportOptions {
  from: string;
  to?: string;
  profile?: string;
  endpoint?: string;
  template?: string;
  direction?: string;
  import?: string;
  format?: 'html' | 'csv' | 'json';
  out?: string;
  data?: string;
}

/** The first migration that has the metrics tables. */
const METRICS_SCHEMA = 6;

export function registerReportCommand(program: Command, overrides: Partial<ReportCliIo> = {}): Command {
  const io: ReportCliIo = { ...processIo, ...overrides };
  return program
    .command('report')
    .description('Write the integration report (KPIs, charts, failures, verdicts; secrets masked) for a window, from the data folder')
    .requiredOption('--from <time>', 'window start: ISO date, unix s/ms, or relative such as -2h, -7d')
    .option('--to <time>', 'window end (default now)')
    .option('--profile <id>', 'only this profile')
    .option('--endpoint <id>', 'only this mock endpoint')
    .option('--template <id>', 'only this outbound template')
    .addOption(new Option('--direction <dir>', 'only one side').choices(['in', 'out']))
    .option('--import <id>', 'reconcile against this expected-conversions import')
    .addOption(new Option('--format <format>', 'html (default), or csv/json rows; default from the --out extension').choices(['html', 'csv', 'json']))
    .option('--out <file>', 'where to write it (default: stdout)')
    .option('--data <dir>', 'data folder (default: the per-user app data folder, or $POSTBACK_INSPECTOR_DATA)')
    .action(async (options: ReportOptions) => {
      try {
        await runReport(options, io);
      } catch (error) {
        io.stderr(`postback-inspector report: ${(error as Error).message}\n`);
        io.setExitCode(2);
      }
    });
}

export async function runReport(options: ReportOptions, io: ReportCliIo): Promise<void> {
  const dataDir = options.data ?? defaultDataDir();
  const file = join(dataDir, 'postbacks.sqlite');
  if (!existsSync(file)) throw new Error(`no data in ${file} (give --data <dir>)`);
  const query = parseMetricsQuery({
    from: options.from,
    to: options.to,
    profile: options.profile,
    endpoint: options.endpoint,
    template: options.template,
    direction: options.direction,
    import: options.import,
  });
  const format = options.format ?? (options.out ? ((extname(options.out).slice(1).toLowerCase() as 'html' | 'csv' | 'json') || 'html') : 'html');
  if (!['html', 'csv', 'json'].includes(format)) throw new Error(`cannot tell the format from "${options.out}": give --format html, csv or json`);

  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < METRICS_SCHEMA) throw new Error('this data folder predates metrics: start the app once to upgrade it, then run the report');
    const metrics = createMetrics({ db });
    const lag = metrics.lag();
    if (lag > 0) io.stderr(`warning: ${lag} exchanges are not counted yet (start the app to let it catch up); the report covers the rest\n`);
    const data = collectReport(db, metrics, query.filter, query.importId);
    const mask = reportSecretMask(secretsForReport(db, dataDir));
    const text = format === 'csv' ? renderReportCsv(data, mask) : format === 'json' ? renderReportJson(data, mask) : renderReportHtml(data, mask);
    if (options.out) {
      await io.writeFile(options.out, text);
      const s = data.metrics.sender;
      const r = data.metrics.receiver;
      io.stderr(`wrote ${options.out}: ${s.totals.n} sent, ${r.totals.n} captured, ${data.failures.length} failures listed\n`);
    } else io.stdout(text);
  } finally {
    db.close();
  }
}
