import type { RawHeaders } from '../model/exchange.js';
import type { ValueGenerator } from '../model/sender.js';
import { validateGenerator } from './generators.js';
import type { SendOverrides } from './requests.js';
import { validatePolicy } from './retry-policy.js';
import { SenderInputError, type BulkInput, type ReplayInput, type SendInput, type WaitFor } from './sender-types.js';
import { validateSuccessRule } from './success.js';
import { parseTemplateSpec } from './template-spec.js';

type Json = Record<string, unknown>;

const bad = (message: string): never => {
  throw new SenderInputError('bad-request', message);
};

function object(body: unknown): Json {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) bad('the request body must be a JSON object');
  return body as Json;
}

/** Values may arrive as numbers or booleans from scripts; a macro value is always text. */
function vars(value: unknown, field = 'vars'): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(`${field} must be an object of name → value`);
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value as Json)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') bad(`${field}.${name} must be a string`);
    out[name] = String(v);
  }
  return out;
}

function headers(value: unknown, field: string): RawHeaders | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')) {
    bad(`${field} must be [[name, value], …]`);
  }
  return value as RawHeaders;
}

function overrides(b: Json): SendOverrides {
  const out: SendOverrides = {};
  const policyError = validatePolicy(b['retry']);
  if (policyError) bad(policyError);
  if (b['retry'] !== undefined) out.retry = b['retry'] as SendOverrides['retry'] & object;
  const successError = validateSuccessRule(b['success']);
  if (successError) bad(successError);
  if (b['success'] !== undefined) out.success = b['success'] as SendOverrides['success'] & object;
  for (const key of ['timeoutMs', 'timeScale'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) bad(`${key} must be a positive number`);
    out[key] = v as number;
  }
  for (const key of ['followRedirects', 'insecureTls'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') bad(`${key} must be true or false`);
    out[key] = v as boolean;
  }
  return out;
}

function wait(value: unknown): WaitFor | undefined {
  if (value === undefined) return undefined;
  if (value !== 'none' && value !== 'first' && value !== 'final') bad('wait must be none, first or final');
  return value as WaitFor;
}

function templateRef(b: Json): Pick<SendInput, 'template' | 'templateId'> {
  const out: Pick<SendInput, 'template' | 'templateId'> = {};
  if (b['templateId'] !== undefined) {
    if (!Number.isInteger(b['templateId'])) bad('templateId must be a template id');
    out.templateId = b['templateId'] as number;
  }
  if (b['template'] !== undefined) {
    try {
      out.template = parseTemplateSpec(b['template']);
    } catch (error) {
      bad((error as Error).message);
    }
  }
  if (!out.template && out.templateId === undefined) bad('give a template or a templateId');
  return out;
}

function environmentRef(b: Json): Pick<SendInput, 'environmentId'> {
  const id = b['environmentId'];
  if (id === undefined || id === null) return {};
  if (!Number.isInteger(id)) bad('environmentId must be an environment id');
  return { environmentId: id as number };
}

/** POST /api/send and /api/send/preview. */
export function parseSendInput(body: unknown): SendInput {
  const b = object(body);
  const input: SendInput = { ...templateRef(b), ...environmentRef(b), vars: vars(b['vars']), ...overrides(b) };
  if (b['sendAnyway'] !== undefined) input.sendAnyway = b['sendAnyway'] === true;
  const w = wait(b['wait']);
  if (w) input.wait = w;
  return input;
}

/** POST /api/exchanges/:id/replay */
export function parseReplayInput(body: unknown): ReplayInput {
  const b = object(body);
  const { followRedirects: _ignored, ...rest } = overrides(b);
  const input: ReplayInput = { ...rest };
  for (const key of ['url', 'target', 'method', 'body'] as const) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== 'string') bad(`${key} must be a string`);
    input[key] = b[key] as string;
  }
  const all = headers(b['headers'], 'headers');
  if (all) input.headers = all;
  const set = headers(b['setHeaders'], 'setHeaders');
  if (set) input.setHeaders = set;
  if (b['removeHeaders'] !== undefined) {
    if (!Array.isArray(b['removeHeaders']) || !b['removeHeaders'].every((n) => typeof n === 'string')) bad('removeHeaders must be a list of names');
    input.removeHeaders = b['removeHeaders'] as string[];
  }
  if (b['setParams'] !== undefined) input.setParams = vars(b['setParams'], 'setParams');
  if (b['bodyEncoding'] !== undefined) {
    if (b['bodyEncoding'] !== 'utf8' && b['bodyEncoding'] !== 'base64') bad('bodyEncoding must be utf8 or base64');
    input.bodyEncoding = b['bodyEncoding'] as 'utf8' | 'base64';
  }
  if (b['rewriteHost'] !== undefined) input.rewriteHost = b['rewriteHost'] === true;
  const w = wait(b['wait']);
  if (w) input.wait = w;
  return input;
}

/** POST /api/bulk */
export function parseBulkInput(body: unknown): BulkInput {
  const b = object(body);
  if (!Number.isInteger(b['count'])) bad('count must be a whole number');
  const input: BulkInput = { ...templateRef(b), ...environmentRef(b), count: b['count'] as number, vars: vars(b['vars']), ...overrides(b) };
  if (b['generators'] !== undefined) {
    if (typeof b['generators'] !== 'object' || b['generators'] === null) bad('generators must map names to generators');
    for (const [name, spec] of Object.entries(b['generators'] as Json)) {
      const error = validateGenerator(name, spec);
      if (error) bad(error);
    }
    input.generators = b['generators'] as Record<string, ValueGenerator>;
  }
  for (const key of ['concurrency', 'ratePerSecond'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`${key} must be a number ≥ 0`);
    input[key] = v as number;
  }
  if (b['sendAnyway'] !== undefined) input.sendAnyway = b['sendAnyway'] === true;
  // Checked by sender.bulk, which every caller goes through.
  if (b['failurePercent'] !== undefined) input.failurePercent = b['failurePercent'] as number;
  if (b['failureSeed'] !== undefined) input.failureSeed = b['failureSeed'] as number;
  if (b['recordBeforeSend'] !== undefined) {
    if (typeof b['recordBeforeSend'] !== 'boolean') bad('recordBeforeSend must be true or false');
    input.recordBeforeSend = b['recordBeforeSend'] as boolean;
  }
  return input;
}
