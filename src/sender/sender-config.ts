import type { SendOverrides } from './requests.js';
import type { SenderConfig } from './sender-types.js';

const MiB = 1024 * 1024;

/** The sender's settings with every default filled in. */
export function resolveSenderConfig(config: SenderConfig = {}): Required<SenderConfig> {
  return {
    timeScale: config.timeScale ?? 1,
    timeoutMs: config.timeoutMs ?? 10_000,
    followRedirects: config.followRedirects ?? false,
    maxRedirects: config.maxRedirects ?? 5,
    insecureTls: config.insecureTls ?? false,
    connectionsPerOrigin: config.connectionsPerOrigin ?? 64,
    maxResponseBytes: config.maxResponseBytes ?? MiB,
    maxConcurrentRetries: config.maxConcurrentRetries ?? 32,
    idempotencyHeader: config.idempotencyHeader === undefined ? 'Idempotency-Key' : config.idempotencyHeader,
    resume: config.resume ?? true,
    writerThread: config.writerThread ?? true,
  };
}

/** Only the overrides actually given (an undefined key must not hide a template's setting). */
export function overridesOf(input: SendOverrides): SendOverrides {
  const overrides: SendOverrides = {};
  for (const key of ['retry', 'success', 'timeoutMs', 'followRedirects', 'insecureTls', 'timeScale'] as const) {
    if (input[key] !== undefined) (overrides as Record<string, unknown>)[key] = input[key];
  }
  return overrides;
}
