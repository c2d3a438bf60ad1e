import { CoreError } from '../errors.js';
import type { FieldError } from '../model/endpoint.js';
import type { SavedView } from '../model/environment.js';
import { parseFilter } from '../shared/filter-language.js';
import type { Db } from '../store/open-database.js';
import { SavedViewsRepository } from '../store/saved-views-repository.js';

const MAX_NAME = 100;
const MAX_FILTER = 4000;
const COLUMN_ID = /^[a-z][a-z0-9-]{0,31}$/;

/** Saved Inbox views with field errors: a name of its own, and a filter the language accepts. */
export class SavedViewService {
  private readonly repository: SavedViewsRepository;

  constructor(db: Db) {
    this.repository = new SavedViewsRepository(db);
  }

  list(): SavedView[] {
    return this.repository.list();
  }

  create(input: unknown): SavedView {
    return this.repository.create(this.checked(input, null));
  }

  /** A partial body renames or refilters: what is not given stays. */
  update(id: number, input: unknown): SavedView {
    const before = this.repository.get(id) ?? missing(id);
    const patch = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const merged = { name: before.name, filter: before.filter, columns: before.columns, ...patch };
    return this.repository.update(id, this.checked(merged, id)) ?? missing(id);
  }

  delete(id: number): void {
    if (!this.repository.delete(id)) missing(id);
  }

  private checked(input: unknown, id: number | null): { name: string; filter: string; columns: string[] | null } {
    const fields: FieldError[] = [];
    const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    const name = typeof body['name'] === 'string' ? body['name'].trim() : '';
    if (name === '') fields.push({ field: 'name', message: 'give the view a name' });
    else if (name.length > MAX_NAME) fields.push({ field: 'name', message: `at most ${MAX_NAME} characters` });
    else {
      const taken = this.repository.idByName(name);
      if (taken !== null && taken !== id) fields.push({ field: 'name', message: `"${name}" is already a saved view` });
    }
    const filter = typeof body['filter'] === 'string' ? body['filter'].trim() : null;
    if (filter === null) fields.push({ field: 'filter', message: 'filter must be a filter expression (text)' });
    else if (filter.length > MAX_FILTER) fields.push({ field: 'filter', message: `at most ${MAX_FILTER} characters` });
    else {
      const parsed = parseFilter(filter);
      if (!parsed.ok) fields.push({ field: 'filter', message: `column ${parsed.error.position + 1}: ${parsed.error.message}` });
    }
    const columns = body['columns'] ?? null;
    if (columns !== null && !(Array.isArray(columns) && columns.length <= 32 && columns.every((c) => typeof c === 'string' && COLUMN_ID.test(c)))) {
      fields.push({ field: 'columns', message: 'columns must be a list of column ids, or null' });
    }
    if (fields.length) throw new CoreError('INVALID_SAVED_VIEW', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    return { name, filter: filter!, columns: columns as string[] | null };
  }
}

function missing(id: number): never {
  throw new CoreError('NOT_FOUND', `saved view ${id}`);
}
