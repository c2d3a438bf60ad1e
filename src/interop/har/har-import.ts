/**
 * A whole HAR → what to store, decided before anything is written: a malformed file is refused at
 * its first problem (HarError, with the JSON path), and entries that are not HTTP exchanges
 * (data:, blob:, ws: URLs, which browsers list too) are skipped and reported, never guessed at.
 */
import type { TemplateSpec } from '../../model/sender.js';
import { checkHar } from './har-check.js';
import { exchangeFromEntry, isHttpEntry, type ImportedExchange } from './har-to-exchange.js';
import { templateFromEntry } from './har-to-template.js';

export interface SkippedEntry {
  index: number;
  url: string;
  reason: string;
}

export interface HarImportPlan<T> {
  items: T[];
  skipped: SkippedEntry[];
}

function plan<T>(input: unknown, convert: (entry: Parameters<typeof exchangeFromEntry>[0], path: string, creator: string) => T): HarImportPlan<T> {
  const har = checkHar(input);
  const creator = `${har.log.creator.name} ${har.log.creator.version ?? ''}`.trim();
  const items: T[] = [];
  const skipped: SkippedEntry[] = [];
  har.log.entries.forEach((entry, index) => {
    if (!isHttpEntry(entry)) skipped.push({ index, url: entry.request.url.slice(0, 200), reason: 'not an http(s) request' });
    else items.push(convert(entry, `$.log.entries[${index}]`, creator));
  });
  return { items, skipped };
}

export function planExchangeImport(input: unknown): HarImportPlan<ImportedExchange> {
  return plan(input, (entry, _path, creator) => exchangeFromEntry(entry, creator));
}

export function planTemplateImport(input: unknown): HarImportPlan<TemplateSpec> {
  return plan(input, (entry, path) => templateFromEntry(entry, path));
}
