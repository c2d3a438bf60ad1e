/**
 * `postback-inspector import --har in.har [--data DIR] [--as templates]`: a HAR's entries as
 * imported exchanges (or Composer templates), all or nothing. It writes, so it holds the data
 * folder's lock like the app; when the app holds it, the running app imports (its control API),
 * which also lists the new rows live. Exchanges written here are indexed and judged by the app's
 * derivation thread at its next start (its cursors live in the database).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { defaultDataDir } from '../config.js';
import { CoreError } from '../errors.js';
import { HarError } from '../interop/har/har-check.js';
import { planExchangeImport, planTemplateImport } from '../interop/har/har-import.js';
import { ApiError, apiClient } from '../scenario/api-client.js';
import { acquireDataFolderLock, readLockHolder } from '../store/data-folder-lock.js';
import { ExchangesRepository } from '../store/exchanges-repository.js';
import { HarRowsRepository } from '../store/har-rows-repository.js';
import { openDatabase } from '../store/open-database.js';
import { TemplatesRepository } from '../store/templates-repository.js';

export interface HarImportOptions {
  har: string;
  data?: string;
  as?: 'exchanges' | 'templates';
}

export function registerHarImportCommand(program: Command, print: (text: string) => void = (t) => void process.stderr.write(t)): Command {
  return program
    .command('import')
    .description('Import a HAR file (browser devtools, HTTP Toolkit, our export) as exchanges marked imported, or as Composer templates')
    .requiredOption('--har <file>', 'the HAR to import')
    .option('--data <dir>', 'data folder (default: the per-user app data folder, or $POSTBACK_INSPECTOR_DATA)')
    .addOption(new Option('--as <kind>', 'what each entry becomes').choices(['exchanges', 'templates']).default('exchanges'))
    .action(async (options: HarImportOptions) => {
      try {
        print(`${await runHarImport(options)}\n`);
      } catch (error) {
        print(`postback-inspector import: ${(error as Error).message}\n`);
        process.exitCode = error instanceof HarError ? 1 : 2;
      }
    });
}

/** Returns the line to print. Throws HarError (exit 1) for a malformed HAR, Error otherwise. */
export async function runHarImport(options: HarImportOptions): Promise<string> {
  const text = await readFile(options.har, 'utf8');
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, '')); // the spec lets writers add a BOM
  } catch (error) {
    throw new HarError('$', `not JSON (${(error as Error).message})`);
  }
  const dataDir = options.data ?? defaultDataDir();
  let lock;
  try {
    lock = acquireDataFolderLock(dataDir);
  } catch (error) {
    if (error instanceof CoreError && error.code === 'DATA_FOLDER_LOCKED') return importThroughApp(dataDir, input, options);
    throw error;
  }
  const db = openDatabase(join(dataDir, 'postbacks.sqlite'));
  try {
    if (options.as === 'templates') {
      const planned = planTemplateImport(input);
      const templates = new TemplatesRepository(db);
      const saved = db.transaction(() => planned.items.map((spec) => templates.create(spec))).immediate();
      return `imported ${saved.length} templates${skippedNote(planned.skipped.length)}`;
    }
    const planned = planExchangeImport(input);
    const ids = new HarRowsRepository(db, new ExchangesRepository(db)).insertImported(planned.items);
    return `imported ${ids.length} exchanges${skippedNote(planned.skipped.length)}`;
  } finally {
    db.close();
    lock.release();
  }
}

const skippedNote = (n: number): string => (n > 0 ? ` (${n} entries skipped: not http(s) requests)` : '');

async function importThroughApp(dataDir: string, input: unknown, options: HarImportOptions): Promise<string> {
  const holder = readLockHolder(dataDir);
  if (!holder?.controlUrl || !holder.token) throw new Error(`the data folder ${dataDir} is in use by another Postback Inspector that is still starting; try again`);
  let body: { imported?: number; templates?: unknown[]; skipped?: unknown[] };
  try {
    body = await apiClient(holder.controlUrl, holder.token).json('POST', `/api/import/har${options.as === 'templates' ? '?as=templates' : ''}`, input);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const refusal = (error.body as { error?: { message?: string; fields?: Array<{ field: string; message: string }> } } | null)?.error;
    const field = refusal?.fields?.[0];
    if (field) throw new HarError(field.field, field.message.replace(`${field.field}: `, ''));
    throw new Error(refusal?.message ?? error.message);
  }
  const n = body.templates ? `${body.templates.length} templates` : `${body.imported ?? 0} exchanges`;
  return `imported ${n} through the running app (pid ${holder.pid})${skippedNote(body.skipped?.length ?? 0)}`;
}
