import { isIP } from 'node:net';
import type { CoreConfigInput } from '../config.js';
import { startupLimits, type StartupSettings, type StartupSource, type StartupValues } from '../model/settings.js';

type FieldError = { field: string; message: string };

const keys: ReadonlyArray<keyof StartupSettings> = ['receiverPort', 'bind', 'maxBodyBytes'];

export const noStartupSettings: StartupSettings = { receiverPort: null, bind: null, maxBodyBytes: null };

/** Field errors for startup settings from the API, empty when usable. null (or absent) means "the built-in default". */
export function startupErrors(input: unknown): FieldError[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ field: '', message: 'startup settings are an object {receiverPort, bind, maxBodyBytes}' }];
  const value = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(value)) if (!(keys as readonly string[]).includes(key)) errors.push({ field: key, message: 'unknown field' });
  const port = value['receiverPort'];
  if (port !== undefined && port !== null && (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)) {
    errors.push({ field: 'receiverPort', message: 'a whole number from 0 to 65535 (0 = any free port)' });
  }
  const bind = value['bind'];
  if (bind !== undefined && bind !== null && !isBindAddress(bind)) {
    errors.push({ field: 'bind', message: 'an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1, or localhost' });
  }
  const body = value['maxBodyBytes'];
  if (body !== undefined && body !== null && (typeof body !== 'number' || !Number.isInteger(body) || body < startupLimits.minBodyBytes || body > startupLimits.maxBodyBytes)) {
    errors.push({ field: 'maxBodyBytes', message: 'a whole number of bytes from 1 KiB (1024) to 1 GiB (1073741824)' });
  }
  return errors;
}

/** Host names other than localhost are refused: what they resolve to can change under a running receiver. */
function isBindAddress(value: unknown): boolean {
  return typeof value === 'string' && (value === 'localhost' || isIP(value) !== 0);
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
