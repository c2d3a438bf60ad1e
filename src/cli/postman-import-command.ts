/**
 * `postback-inspector import --postman collection.json [--data DIR]`: a Postman Collection v2.1's
 * requests as Composer templates, all or nothing, through the running app when it holds the
 * folder. Prints the count, then each warning (what an item could not carry) and the variables
 * the templates keep as `{{name}}`, so nothing is dropped without a word.
 */
import { readFile } from 'node:fs/promises';
import type { PostmanImportResult, PostmanVariableReport, PostmanWarning } from '../model/postman-import.js';
import { PostmanError } from '../interop/postman/postman-check.js';
import { planPostmanImport } from '../interop/postman/postman-import.js';
import { ApiError } from '../scenario/api-client.js';
import { TemplatesRepository } from '../store/templates-repository.js';
import { importInto, refusalMessage, refusedField } from './import-target.js';

export interface PostmanImportOptions {
  postman: string;
  data?: string;
}

/** Returns the lines to print. Throws PostmanError (exit 1) for a malformed collection, Error otherwise. */
export async function runPostmanImport(options: PostmanImportOptions): Promise<string> {
  const text = await readFile(options.postman, 'utf8');
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new PostmanError('$', `not JSON (${(error as Error).message})`);
  }
  const result = await importInto(options.data, {
    local(db): { result: PostmanImportResult; via: string } {
      const planned = planPostmanImport(input);
      const templates = new TemplatesRepository(db);
      const saved = db.transaction(() => planned.templates.map((spec) => templates.create(spec))).immediate();
      return { result: { collection: planned.collection, templates: saved.map((t) => ({ id: t.id, name: t.name })), warnings: planned.warnings, variables: planned.variables }, via: '' };
    },
    async remote(api, pid) {
      try {
        return { result: await api.call('importPostman', { body: input }), via: ` through the running app (pid ${pid})` };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const field = refusedField(error);
        if (field) throw new PostmanError(field.field, field.message.replace(`${field.field}: `, ''));
        throw new Error(refusalMessage(error));
      }
    },
  });
  return report(result.result, result.via);
}

function report(result: PostmanImportResult, via: string): string {
  const lines = [`imported ${result.templates.length} templates from "${result.collection}"${via}`];
  if (result.warnings.length > 0) lines.push(`${result.warnings.length} warning(s):`, ...result.warnings.map((w: PostmanWarning) => `  ${w.item} (${w.path}): ${w.message}`));
  if (result.variables.length > 0) lines.push('variables kept as {{name}} in the templates:', ...result.variables.map(variableLine));
  return lines.join('\n');
}

function variableLine(v: PostmanVariableReport): string {
  const value = !v.declared ? 'not declared in the collection' : v.value === null ? 'a secret in the collection' : `collection value "${v.value}"`;
  return `  {{${v.name}}}: ${value}, used by ${v.usedBy} template(s)`;
}
