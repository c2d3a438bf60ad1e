import type { Endpoint } from '../model/endpoint.js';
import type { Profile } from '../model/profile.js';
import type { TemplateSpec } from '../model/sender.js';
import { ApiError, type ApiClient } from './api-client.js';
import { withReceiver } from './interpolate.js';
import type { PlanTemplate } from './plan-schema.js';
import { headerPairs, type RunContext } from './run-context.js';

/** The app refused a definition of the plan: still a bad plan (exit 2), pointed at its entry. */
export class SetupError extends Error {
  constructor(
    readonly path: string[],
    message: string,
  ) {
    super(message);
  }
}

/** What setup created in the app, removed afterwards when the app is the user's. */
export interface Created {
  profiles: number[];
  endpoints: number[];
  templates: number[];
}

/** Profiles first (endpoints and templates point at them), then endpoints, then templates. */
export async function setUp(ctx: RunContext, created: Created): Promise<void> {
  const { api, loaded } = ctx;
  const receiver = ctx.scope.receiver;
  for (const [i, entry] of (loaded.plan.profiles ?? []).entries()) {
    await refusedAs(['profiles', String(i)], async () => {
      let profile: Profile;
      if (entry.preset) {
        profile = await api.call('addProfilePreset', { params: { presetId: entry.preset } });
        created.profiles.push(profile.id);
        if (entry.profile) profile = await api.call('updateProfile', { params: { id: profile.id }, body: { ...definition(profile), ...entry.profile } });
      } else {
        profile = await api.call('createProfile', { body: { params: [], macroDialect: 'curly', correlationKeys: [], ...entry.profile } });
        created.profiles.push(profile.id);
      }
      if (entry.secret) await api.call('setProfileSecret', { params: { id: profile.id }, body: entry.secret });
      ctx.profiles.set(entry.id, profile.id);
    });
  }
  for (const [i, entry] of (loaded.plan.endpoints ?? []).entries()) {
    await refusedAs(['endpoints', String(i)], async () => {
      const profileId = entry.profile === undefined ? {} : { profileId: ctx.profiles.get(entry.profile)! };
      const inline = entry.endpoint ? deepReceiver(entry.endpoint, receiver) : {};
      let endpoint: Endpoint;
      if (entry.preset) {
        endpoint = await api.call('addEndpointPreset', { params: { presetId: entry.preset } });
        created.endpoints.push(endpoint.id);
        if (entry.endpoint || entry.profile) endpoint = await api.call('updateEndpoint', { params: { id: endpoint.id }, body: { ...deepReceiver(definition(endpoint), receiver), ...inline, ...profileId } });
      } else {
        endpoint = await api.call('createEndpoint', { body: { ...inline, ...profileId } });
        created.endpoints.push(endpoint.id);
      }
      ctx.endpoints.set(entry.id, endpoint.id);
    });
  }
  for (const [i, entry] of (loaded.plan.templates ?? []).entries()) {
    await refusedAs(['templates', String(i), 'template'], async () => {
      const template = await api.call('createTemplate', { body: templateSpec(entry.template, ctx, `scenario ${entry.id}`) });
      created.templates.push(template.id);
      ctx.templates.set(entry.id, template.id);
    });
  }
}

/** Best effort: a leftover definition in the user's app is a nuisance, not a test failure. */
export async function tearDown(api: ApiClient, created: Created): Promise<void> {
  const remove = async (route: 'deleteTemplate' | 'deleteEndpoint' | 'deleteProfile', id: number): Promise<void> => void (await api.call(route, { params: { id } }).catch(() => undefined));
  for (const id of created.templates) await remove('deleteTemplate', id);
  for (const id of created.endpoints) await remove('deleteEndpoint', id);
  for (const id of created.profiles) await remove('deleteProfile', id);
}

/**
 * A plan template as the sender's TemplateSpec: names filled in, `{{receiver}}` replaced, the
 * profile resolved. Typed as the spec it becomes, though the plan may leave `bodyMode` and `body`
 * to the app and names retry presets as plain words: the app checks and completes every template
 * (src/sender/template-spec.ts), and what it refuses comes back as the plan's problem.
 */
export function templateSpec(t: PlanTemplate, ctx: RunContext, fallbackName: string): TemplateSpec {
  const { profile, headers, ...rest } = t;
  const receiver = ctx.scope.receiver;
  return {
    name: fallbackName,
    method: 'GET',
    dialect: 'curly',
    ...rest,
    url: withReceiver(t.url, receiver),
    headers: headerPairs(headers, (v) => withReceiver(v, receiver)),
    ...(t.body === undefined ? {} : { body: withReceiver(t.body, receiver) }),
    ...(profile === undefined ? {} : { profileId: ctx.profiles.get(profile)! }),
  } as TemplateSpec;
}

async function refusedAs(path: string[], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    // 4xx: the app judged the definition; anything else (unreachable, 500) is not the plan's fault.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) throw new SetupError(path, error.message);
    throw error;
  }
}

function definition<T extends object>(stored: T): Record<string, unknown> {
  const { id: _i, position: _p, createdAt: _c, updatedAt: _u, secret: _s, ...input } = stored as Record<string, unknown>;
  return input;
}

/** `{{receiver}}` anywhere in an endpoint (callback URLs mostly); its own `{{query.x}}` templates are left alone. */
function deepReceiver<T>(value: T, receiver: string): T {
  if (typeof value === 'string') return withReceiver(value, receiver) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => deepReceiver(v, receiver)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepReceiver(v, receiver)])) as T;
  return value;
}
