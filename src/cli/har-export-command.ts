/**
 * `postback-inspector export --har out.har [--data DIR] [filters]`: the exchanges the Inbox filters
 * select, as HAR 1.2, from the data folder. Like `report`, it opens the SQLite file read-only: an
 * export is a read, so it needs no token and works whether the app runs or not (WAL lets a reader
 * beside the writer). The file is written as a stream, page by page, however many exchanges match.
 */
import Database from 'better-sqlite3';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { defaultDataDir } from '../config.js';
import { filterFromQuery } from '../control/exchange-routes.js';
import { harChunks } from '../interop/har/har-stream.js';
import { ExchangesRepository } from '../store/exchanges-repository.js';
import { HarRowsRepository } from '../store/har-rows-repository.js';
import { VerdictsRepository } from '../store/verdicts-repository.js';

/** The migration that added the `imported` column the export reads. */
const HAR_SCHEMA = 13;

export interface HarExportOptions {
  har: string;
  data?: string;
  q?: string;
  method?: string;
  path?: string;
  status?: string;
  direction?: string;
  endpoint?: string;
  duplicate?: boolean;
  param?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerHarExportCommand(program: Command, stderr: (text: string) => void = (t) => void process.stderr.write(t)): Command {
  return program
    .command('export')
    .description('Write the exchanges matching the filters (all of them without filters) as a HAR 1.2 file, from the data folder')
    .requiredOption('--har <file>', 'where to write the HAR')
    .option('--data <dir>', 'data folder (default: the per-user app data folder, or $POSTBACK_INSPECTOR_DATA)')
    .option('--q <text>', 'free text over URL and text bodies')
    .option('--method <method>', 'only this method')
    .option('--path <text>', 'path contains')
    .option('--status <status>', '200, or a class like 4xx')
    .addOption(new Option('--direction <dir>', 'only one side').choices(['in', 'out']))
    .option('--endpoint <id>', 'answered by this mock endpoint')
    .option('--duplicate', 'only repeats of an already-seen correlation key')
    .option('--param <name=value>', 'decoded param equals value (repeatable)', collect)
    .action(async (options: HarExportOptions) => {
      try {
        const count = await runHarExport(options);
        stderr(`wrote ${options.har}: ${count} exchanges\n`);
      } catch (error) {
        stderr(`postback-inspector export: ${(error as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}

/** The CLI's filter options in the list API's query words, so both select exactly the same rows. */
function queryOf(options: HarExportOptions): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of ['q', 'method', 'path', 'status', 'direction', 'endpoint'] as const) if (options[key]) query[key] = options[key]!;
  if (options.duplicate) query['duplicate'] = '1';
  for (const pair of options.param ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--param wants name=value, not "${pair}"`);
    const key = `param.${pair.slice(0, eq)}`;
    query[key] = [...((query[key] as string[] | undefined) ?? []), pair.slice(eq + 1)];
  }
  return query;
}

/** Returns how many exchanges were written. */
export async function runHarExport(options: HarExportOptions): Promise<number> {
  const file = join(options.data ?? defaultDataDir(), 'postbacks.sqlite');
  if (!existsSync(file)) throw new Error(`no data in ${file} (give --data <dir>)`);
  const filter = filterFromQuery(queryOf(options));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if ((db.pragma('user_version', { simple: true }) as number) < HAR_SCHEMA) throw new Error('this data folder predates HAR export: start the app once to upgrade it, then export');
    const exchanges = new ExchangesRepository(db);
    const rows = new HarRowsRepository(db, exchanges);
    const verdicts = new VerdictsRepository(db);
    let count = 0;
    const source = {
      list: (f: typeof filter) => {
        const page = exchanges.list(f);
        count += page.length;
        return page;
      },
      get: (id: number) => exchanges.get(id),
      extras: (ids: readonly number[]) => rows.extras(ids),
      verdicts: (ids: readonly number[]) => verdicts.summaries(ids),
      maxId: () => exchanges.maxId(),
    };
    await pipeline(Readable.from(harChunks(source, filter, { receiverOrigin: 'http://127.0.0.1', creator: { name: 'Postback Inspector', version: '1' } })), createWriteStream(options.har));
    return count;
  } finally {
    db.close();
  }
}
