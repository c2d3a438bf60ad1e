import { CoreError } from '../errors.js';
import type { Environment, EnvironmentVariable } from '../model/environment.js';
import { maskSecret } from '../profiles/secret-mask.js';
import type { SecretCipher } from '../profiles/secret-cipher.js';
import { EnvironmentsRepository, type StoredEnvironment, type StoredVariable } from '../store/environments-repository.js';
import type { Db } from '../store/open-database.js';
import { SettingsRepository } from '../store/settings-repository.js';
import { validateEnvironment } from './validate-environment.js';

/** An environment as the sender uses it: every value in clear, and which of them are secret. */
export interface ResolvedEnvironment {
  id: number;
  name: string;
  values: ReadonlyMap<string, string>;
  secrets: string[];
}

const ACTIVE_SETTING = 'composer.environment';

/** Environment CRUD with field errors, the Composer's remembered choice, and clear values for the sender. */
export class EnvironmentService {
  private readonly repository: EnvironmentsRepository;
  private readonly settings: SettingsRepository;

  constructor(db: Db, cipher: SecretCipher) {
    this.repository = new EnvironmentsRepository(db, cipher);
    this.settings = new SettingsRepository(db);
  }

  list(): Environment[] {
    return this.repository.list().map(view);
  }

  get(id: number): Environment {
    return view(this.stored(id));
  }

  create(input: unknown): Environment {
    const { name, variables } = this.checked(input, null);
    return view(this.repository.create(name, variables));
  }

  update(id: number, input: unknown): Environment {
    const before = this.stored(id);
    const { name, variables } = this.checked(input, before);
    return view(this.repository.update(id, name, variables) ?? this.missing(id));
  }

  delete(id: number): void {
    if (!this.repository.delete(id)) this.missing(id);
    if (this.activeId() === id) this.settings.set(ACTIVE_SETTING, null);
  }

  /** The environment the Composer sends with; null when none is chosen (or it was deleted). */
  activeId(): number | null {
    const id = this.settings.get<number | null>(ACTIVE_SETTING);
    return id !== null && this.repository.get(id) ? id : null;
  }

  setActive(body: unknown): number | null {
    const id = (body as { environmentId?: unknown } | null)?.environmentId ?? null;
    if (id !== null && !Number.isInteger(id)) throw new CoreError('INVALID_ENVIRONMENT', 'environmentId must be an environment id or null', [{ field: 'environmentId', message: 'an environment id or null' }]);
    if (id !== null) this.stored(id as number);
    this.settings.set(ACTIVE_SETTING, id);
    return id as number | null;
  }

  /** For the sender only: the values in clear. Never send this over the API. */
  resolve(id: number): ResolvedEnvironment | null {
    const env = this.repository.get(id);
    if (!env) return null;
    return { id, name: env.name, values: new Map(env.variables.map((v) => [v.name, v.value])), secrets: env.variables.filter((v) => v.secret).map((v) => v.value) };
  }

  private checked(input: unknown, before: StoredEnvironment | null): { name: string; variables: StoredVariable[] } {
    const check = validateEnvironment(input);
    if (!check.ok) throw new CoreError('INVALID_ENVIRONMENT', check.fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; '), check.fields);
    const taken = this.repository.idByName(check.name);
    if (taken !== null && taken !== before?.id) throw new CoreError('INVALID_ENVIRONMENT', `name: "${check.name}" is already an environment`, [{ field: 'name', message: `"${check.name}" is already an environment` }]);
    const fields: Array<{ field: string; message: string }> = [];
    const variables = check.variables.map((v, i): StoredVariable => {
      if (v.value !== undefined) return { name: v.name, value: v.value, secret: v.secret };
      // A secret sent without its value keeps the stored one: the UI never holds secrets.
      const kept = before?.variables.find((s) => s.name === v.name && s.secret);
      if (!kept) fields.push({ field: `variables[${i}].value`, message: 'give the secret a value (none is stored under this name)' });
      return { name: v.name, value: kept?.value ?? '', secret: true };
    });
    if (fields.length) throw new CoreError('INVALID_ENVIRONMENT', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    return { name: check.name, variables };
  }

  private stored(id: number): StoredEnvironment {
    return this.repository.get(id) ?? this.missing(id);
  }

  private missing(id: number): never {
    throw new CoreError('NOT_FOUND', `environment ${id}`);
  }
}

function view(env: StoredEnvironment): Environment {
  const variables = env.variables.map((v): EnvironmentVariable => (v.secret ? { name: v.name, value: null, secret: true, masked: maskSecret(v.value) } : { name: v.name, value: v.value, secret: false }));
  return { id: env.id, name: env.name, variables, createdAt: env.createdAt, updatedAt: env.updatedAt };
}
