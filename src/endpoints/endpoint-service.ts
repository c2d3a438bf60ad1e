import { CoreError } from '../errors.js';
import type { Endpoint, EndpointInput } from '../model/endpoint.js';
import type { EndpointsRepository } from '../store/endpoints-repository.js';
import type { EndpointResponder } from './endpoint-responder.js';
import { endpointPresets } from './presets.js';
import { validateEndpoint } from './validate-endpoint.js';

/** Endpoint CRUD with validation; every change reloads the responder so it applies to the next request. */
export class EndpointService {
  constructor(
    private readonly repository: EndpointsRepository,
    private readonly responder: EndpointResponder,
    /** Told after every change (the derivation pipeline reads endpoints' keys and profiles). */
    private readonly onChange: () => void = () => undefined,
  ) {
    this.reload();
  }

  list(): Endpoint[] {
    return this.repository.list();
  }

  get(id: number): Endpoint {
    const endpoint = this.repository.get(id);
    if (!endpoint) throw new CoreError('NOT_FOUND', `endpoint ${id}`);
    return endpoint;
  }

  create(input: unknown): Endpoint {
    const endpoint = this.repository.create(valid(input));
    this.reload();
    return endpoint;
  }

  update(id: number, input: unknown): Endpoint {
    const position = typeof input === 'object' && input !== null && typeof (input as { position?: unknown }).position === 'number' ? (input as { position: number }).position : undefined;
    const updated = this.repository.update(id, valid(stripStored(input)), position);
    if (!updated) throw new CoreError('NOT_FOUND', `endpoint ${id}`);
    this.reload();
    return updated;
  }

  delete(id: number): void {
    if (!this.repository.delete(id)) throw new CoreError('NOT_FOUND', `endpoint ${id}`);
    this.reload();
  }

  duplicate(id: number): Endpoint {
    const { id: _id, position: _p, createdAt: _c, updatedAt: _u, ...input } = this.get(id);
    return this.create({ ...input, name: `${input.name} (copy)`, enabled: false });
  }

  reset(id: number): void {
    this.get(id);
    this.responder.reset(id);
  }

  /** All valid or none saved: errors name the item, e.g. `[2].rules[0].conditions[0].value`. */
  importMany(items: unknown): Endpoint[] {
    const list = Array.isArray(items) ? items : (items as { endpoints?: unknown[] } | null)?.endpoints;
    if (!Array.isArray(list)) throw new CoreError('INVALID_ENDPOINT', 'expected an array of endpoints or { endpoints: [...] }');
    const inputs: EndpointInput[] = [];
    const fields: Array<{ field: string; message: string }> = [];
    list.forEach((item, i) => {
      const check = validateEndpoint(stripStored(item));
      if (check.ok) inputs.push(check.endpoint);
      else fields.push(...check.errors.map((e) => ({ field: `[${i}].${e.field}`, message: e.message })));
    });
    if (fields.length) throw new CoreError('INVALID_ENDPOINT', `${fields.length} problem(s); nothing was imported`, fields);
    const created = this.repository.createMany(inputs);
    this.reload();
    return created;
  }

  exportAll(): { endpoints: EndpointInput[] } {
    return { endpoints: this.list().map(({ id: _id, position: _p, createdAt: _c, updatedAt: _u, ...input }) => input) };
  }

  /** `profileFor` gives the id of a profile made from the preset's profile preset (see preset-profile.ts). */
  addPreset(presetId: string, profileFor?: (profilePresetId: string) => number): Endpoint {
    const preset = endpointPresets().find((p) => p.id === presetId);
    if (!preset) throw new CoreError('NOT_FOUND', `preset "${presetId}"`);
    const profileId = preset.profilePreset && profileFor ? profileFor(preset.profilePreset) : undefined;
    return this.create(profileId === undefined ? preset.endpoint : { ...preset.endpoint, profileId });
  }

  private reload(): void {
    this.responder.load(this.repository.list());
    this.onChange();
  }
}

function valid(input: unknown): EndpointInput {
  const check = validateEndpoint(input);
  if (!check.ok) throw new CoreError('INVALID_ENDPOINT', check.errors.map((e) => `${e.field}: ${e.message}`).join('; '), check.errors);
  return check.endpoint;
}

/** Stored fields sent back by a client (GET then PUT) are not part of the definition. */
function stripStored(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const { id: _id, position: _p, createdAt: _c, updatedAt: _u, ...rest } = input as Record<string, unknown>;
  return rest;
}
