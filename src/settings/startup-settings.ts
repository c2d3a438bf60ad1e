import { isIP } from 'node:net';
import Type, { type TSchema } from 'typebox';
import type { CoreConfigInput } from '../config.js';
import type { FieldError } from '../model/endpoint.js';
import { schemaFieldErrors, type FieldErrorWording } from '../shared/schema-field-errors.js';
import { startupLimits, type StartupSettings, type StartupSource, type StartupValues } from '../model/settings.js';

const keys: ReadonlyArray<keyof StartupSettings> = ['receiverPort', 'bind', 'maxBodyBytes'];

export const noStartupSettings: StartupSettings = { receiverPort: null, bind: null, maxBodyBytes: null };

/** Host names other than localhost are refused: what they resolve to can change under a running receiver. */
const BindAddress = Type.Refine(Type.String(), (value) => value === 'localhost' || isIP(value) !== 0);

const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** null (or absent) means "the built-in default". */
const StartupSettingsSchema = Type.Object(
  {
    receiverPort: nullable(Type.Integer({ minimum: 0, maximum: 65535 })),
    bind: nullable(BindAddress),
    maxBodyBytes: nullable(Type.Integer({ minimum: startupLimits.minBodyBytes, maximum: startupLimits.maxBodyBytes })),
  },
  { additionalProperties: false },
);

const startupWording: FieldErrorWording = {
  byField: {
    '': 'startup settings are an object {receiverPort, bind, maxBodyBytes}',
    receiverPort: 'a whole number from 0 to 65535 (0 = any free port)',
    bind: 'an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost',
    maxBodyBytes: 'a whole number of bytes from 1 KiB (1024) to 1 GiB (1073741824)',
  },
  unknownField: 'unknown field',
};

/** Field errors for startup settings from the API, empty when usable. */
export function startupErrors(input: unknown): FieldError[] {
  return schemaFieldErrors(StartupSettingsSchema, input, '', startupWording) ?? [];
}

/** A checked input as settings; absent fields are the defaults (PUT replaces the whole set). */
export function toStartupSettings(input: Record<string, unknown>): StartupSettings {
  const pick = <K extends keyof StartupSettings>(key: K): StartupSettings[K] => (input[key] ?? null) as StartupSettings[K];
  return { receiverPort: pick('receiverPort'), bind: pick('bind'), maxBodyBytes: pick('maxBodyBytes') };
}

/** What the data folder holds, field by field: a value edited by hand into nonsense falls back to the default rather than stop the start. */
export function readableStartup(stored: unknown): StartupSettings {
  if (typeof stored !== 'object' || stored === null) return noStartupSettings;
  const value = stored as Record<string, unknown>;
  const result = { ...noStartupSettings };
  for (const key of keys) {
    if (startupErrors({ [key]: value[key] }).length === 0) (result as Record<string, unknown>)[key] = value[key] ?? null;
  }
  return result;
}

/** What a start uses when neither a flag nor the saved settings say. */
export const startupDefaults: StartupValues = { receiverPort: 4100, bind: '127.0.0.1', maxBodyBytes: 10 * 1024 * 1024 };

/** Where each running value came from, for the "applies at next start" notes in Settings. */
export function startupSources(input: CoreConfigInput, saved: StartupSettings): Record<keyof StartupSettings, StartupSource> {
  const source = (given: unknown, stored: unknown): StartupSource => (given !== undefined ? 'flag' : stored !== null ? 'saved' : 'default');
  return {
    receiverPort: source(input.receiver?.port, saved.receiverPort),
    bind: source(input.receiver?.host, saved.bind),
    maxBodyBytes: source(input.limits?.maxBodyBytes, saved.maxBodyBytes),
  };
}
