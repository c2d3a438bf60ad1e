import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RetentionPolicy } from './retention/policy.js';
import type { KeyProvider } from './profiles/key-file.js';
import type { SenderConfig } from './sender/sender-types.js';
import type { StartupSettings } from './model/settings.js';
import { noStartupSettings, startupDefaults } from './settings/startup-settings.js';

export interface CoreConfig {
  /** Folder holding the SQLite log. */
  dataDir: string;
  receiver: {
    host: string;
    /** 0 picks a free port. */
    port: number;
    /** The HTTPS receiver's port (local CA, h2 and HTTP/1.1); null runs none, 0 picks a free port. */
    httpsPort: number | null;
    /** Names the HTTPS certificate covers beyond localhost, 127.0.0.1 and ::1 (DNS names or IPs). */
    tlsNames: string[];
  };
  control: {
    /** Always loopback; 0 picks a free port. */
    port: number;
    /** Folder with the built UI (index.html); null serves no UI. */
    uiDir: string | null;
    /** Per-launch bearer token; generated when absent. */
    token?: string;
  };
  limits: {
    /** Requests with a larger body are answered 413 (and the rejection is logged). */
    maxBodyBytes: number;
    /** Cap on decompressed size when decoding gzip/deflate/br for display. */
    maxDecodedBytes: number;
    /** Captures waiting for commit before the receiver answers 503. */
    maxQueuedCaptures: number;
    /** Bytes of bodies waiting for commit before the receiver answers 503. */
    maxQueuedBytes: number;
    /** Request line plus headers; a larger head is answered 431 and logged. */
    maxHeaderBytes: number;
    /** From a request's first byte until its head is complete (408 and logged past it). */
    headersTimeoutMs: number;
    /** No body byte for this long while a body is owed: 408 and logged. */
    bodyIdleTimeoutMs: number;
    /** From a request's first byte until all of it has arrived; a rule's answer delay is not counted. */
    requestTimeoutMs: number;
    /** Open receiver connections; more are refused at accept and counted in the status. */
    maxConnections: number;
  };
  /** A retention policy given at start (CLI flags); saved in the data folder over the one stored there. */
  retention?: RetentionPolicy;
  /** Path to a better-sqlite3 binary built for another ABI (Electron). */
  sqliteNativeBinding?: string;
  /** Sender settings: time scale for retry schedules, timeouts, redirects… */
  sender?: SenderConfig;
  /**
   * Where the profile secrets key comes from. Default: `secrets.key` in the data folder; the
   * desktop app passes one that seals that file with Electron safeStorage (electron/secret-key.ts).
   */
  secretsKey?: KeyProvider;
}

export const MiB = 1024 * 1024;

export function defaultDataDir(): string {
  const fromEnv = process.env['POSTBACK_INSPECTOR_DATA'];
  if (fromEnv) return fromEnv;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'postback-inspector');
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'postback-inspector');
  return join(process.env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'postback-inspector');
}

export type CoreConfigInput = Partial<Omit<CoreConfig, 'receiver' | 'control' | 'limits'>> & {
  receiver?: Partial<CoreConfig['receiver']>;
  control?: Partial<CoreConfig['control']>;
  limits?: Partial<CoreConfig['limits']>;
};

/**
 * Each value as given (a flag, a test), else as saved in the data folder's startup settings,
 * else the built-in default. The saved layer is known only once the data folder is open.
 */
export function resolveConfig(input: CoreConfigInput = {}, saved: StartupSettings = noStartupSettings): CoreConfig {
  const config: CoreConfig = {
    dataDir: input.dataDir ?? defaultDataDir(),
    receiver: {
      host: input.receiver?.host ?? saved.bind ?? startupDefaults.bind,
      port: input.receiver?.port ?? saved.receiverPort ?? startupDefaults.receiverPort,
      httpsPort: input.receiver?.httpsPort ?? null,
      tlsNames: input.receiver?.tlsNames ?? [],
    },
    control: { port: 0, uiDir: null, ...input.control },
    limits: {
      maxDecodedBytes: 64 * MiB,
      maxQueuedCaptures: 20_000,
      maxQueuedBytes: 256 * MiB,
      maxHeaderBytes: 64 * 1024,
      headersTimeoutMs: 10_000,
      bodyIdleTimeoutMs: 15_000,
      requestTimeoutMs: 60_000,
      maxConnections: 1024,
      ...input.limits,
      maxBodyBytes: input.limits?.maxBodyBytes ?? saved.maxBodyBytes ?? startupDefaults.maxBodyBytes,
    },
  };
  if (input.sqliteNativeBinding) config.sqliteNativeBinding = input.sqliteNativeBinding;
  if (input.sender) config.sender = input.sender;
  if (input.retention) config.retention = input.retention;
  if (input.secretsKey) config.secretsKey = input.secretsKey;
  return config;
}
