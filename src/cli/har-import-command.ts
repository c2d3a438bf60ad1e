/**
 * `postback-inspector import --har in.har [--data DIR] [--as templates]`: a HAR's entries as
 * imported exchanges (or Composer templates), all or nothing. `import --postman collection.json`
 * imports a Postman collection's requests as templates (src/cli/postman-import-command.ts).
 * Both write, so they hold the data folder's lock like the app; when the app holds it, the running
 * app imports (its control API), which also lists the new rows live. Exchanges written here are
 * indexed and judged by the app's derivation thread at its next start (its cursors live in the
 * database).
 */
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { HarError } from '../interop/har/har-check.js';
import { planExchangeImport, planTemplateImport } from '../interop/har/har-import.js';
import { PostmanError } from '../interop/postman/postman-check.js';
import { ApiError } from '../scenario/api-client.js';
import { ExchangesRepository } from '../store/exchanges-repository.js';
import { HarRowsRepository } from '../store/har-rows-repository.js';
import { TemplatesRepository } from '../store/templates-repository.js';
import { importInto, refusalMessage, refusedField } from './import-target.js';
import { runPostmanImport } from './postman-import-command.js';

export interface HarImportOptions {
  har: string;
  data?: string;
  as?: 'exchanges' | 'templates';
}

interface ImportOptions {
  har?: string;
  postman?: string;
  data?: string;
  as?: 'exchanges' | 'templates';
}

export function registerHarImportCommand(program: Command, print: (text: string) => void = (t) => void process.stderr.write(t)): Command {
  return program
    .command('import')
    .description('Import a HAR file (browser devtools, HTTP Toolkit, our export) as exchanges marked imported or as Composer templates, or a Postman Collection v2.1 as Composer templates')
    .option('--har <file>', 'the HAR to import')
    .option('--postman <file>', 'the Postman Collection v2.1 (.json) to import as templates')
    .option('--data <dir>', 'data folder (default: the per-user app data folder, or $POSTBACK_INSPECTOR_DATA)')
    .addOption(new Option('--as <kind>', 'what each HAR entry becomes').choices(['exchanges', 'templates']).default('exchanges'))
    .action(async (options: ImportOptions) => {
      if ((options.har === undefined) === (options.postman === undefined)) {
        print('postback-inspector import: give one of --har <file> or --postman <file>\n');
        process.exitCode = 2;
        return;
      }
      try {
        print(`${options.postman !== undefined ? await runPostmanImport({ postman: options.postman, ...(options.data ? { data: options.data } : {}) }) : await runHarImport({ ...options, har: options.har! })}\n`);
      } catch (error) {
        print(`postback-inspector import: ${(error as Error).message}\n`);
        process.exitCode = error instanceof HarError || error instanceof PostmanError ? 1 : 2;
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
  return importInto(options.data, {
    local(db) {
      if (options.as === 'templates') {
        const planned = planTemplateImport(input);
        const templates = new TemplatesRepository(db);
        const saved = db.transaction(() => planned.items.map((spec) => templates.create(spec))).immediate();
        return `imported ${saved.length} templates${skippedNote(planned.skipped.length)}`;
      }
      const planned = planExchangeImport(input);
      const ids = new HarRowsRepository(db, new ExchangesRepository(db)).insertImported(planned.items);
      return `imported ${ids.length} exchanges${skippedNote(planned.skipped.length)}`;
    },
    async remote(api, pid) {
      let body: { imported?: number; templates?: unknown[]; skipped?: unknown[] };
      try {
        body = await api.call('importHar', { body: input, ...(options.as === 'templates' ? { query: { as: 'templates' } } : {}) });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const field = refusedField(error);
        if (field) throw new HarError(field.field, field.message.replace(`${field.field}: `, ''));
        throw new Error(refusalMessage(error));
      }
      const n = body.templates ? `${body.templates.length} templates` : `${body.imported ?? 0} exchanges`;
      return `imported ${n} through the running app (pid ${pid})${skippedNote(body.skipped?.length ?? 0)}`;
    },
  });
}

const skippedNote = (n: number): string => (n > 0 ? ` (${n} entries skipped: not http(s) requests)` : '');
