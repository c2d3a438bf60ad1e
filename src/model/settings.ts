import type { RetentionPolicy } from '../retention/policy.js';

export type { RetentionPolicy } from '../retention/policy.js';

/** What GET /api/settings/retention answers: the policy and what it has done since this start. */
export interface RetentionStatus {
  policy: RetentionPolicy;
  usedBytes: number;
  /** Exchanges deleted by the policy since this start. */
  deletedSinceStart: number;
  lastRunAt: number | null;
  lastError: string | null;
}

/**
 * Settings read once at start (the receiver's socket and its body limit), saved in the data
 * folder; null means "the built-in default". A flag given at start wins over each.
 */
export interface StartupSettings {
  /** 0 = any free port. */
  receiverPort: number | null;
  /** An IPv4/IPv6 literal or `localhost`. */
  bind: string | null;
  maxBodyBytes: number | null;
}

export type StartupValues = { [K in keyof StartupSettings]: NonNullable<StartupSettings[K]> };

/** Where a running value came from: the command line, the saved settings, or the built-in default. */
export type StartupSource = 'flag' | 'saved' | 'default';

/** GET /api/settings/startup: what is saved next to what this launch runs with. */
export interface StartupSettingsView {
  saved: StartupSettings;
  defaults: StartupValues;
  /** As this launch was configured (a receiver port of 0 stays 0; the bound port is in receiverUrl). */
  running: StartupValues;
  sources: Record<keyof StartupSettings, StartupSource>;
  receiverUrl: string;
  /** Not a setting: the settings live inside it. Changed with `--data` or POSTBACK_INSPECTOR_DATA. */
  dataDir: string;
  /** The sender's default time scale; set only by `--time-scale` (the sender reads it once). */
  timeScale: { running: number; fromFlag: boolean };
}

export const startupLimits = {
  minBodyBytes: 1024,
  maxBodyBytes: 1024 * 1024 * 1024,
} as const;
