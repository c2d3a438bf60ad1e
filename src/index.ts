import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Receiver } from './receiver/receiver-server.js';
import { CaptureRate } from './capture-rate.js';
import { CaptureWaiters } from './capture-waiters.js';
import { resolveConfig, type CoreConfig, type CoreConfigInput } from './config.js';
import { buildControlServer } from './control/control-server.js';
import { CoreEvents } from './events.js';
import { listenUrl, portInUseError } from './http/listen.js';
import type { CoreStatus } from './model/exchange.js';
import { GroupCommitter } from './receiver/group-commit.js';
import { buildReceiver } from './receiver/receiver-server.js';
import { startHttpsReceiver } from './receiver/https-start.js';
import { EndpointResponder, type CallbackRequest } from './endpoints/endpoint-responder.js';
import { EndpointService } from './endpoints/endpoint-service.js';
import { EndpointsRepository } from './store/endpoints-repository.js';
import { EndpointHitsRepository } from './store/endpoint-hits-repository.js';
import { EndpointHits } from './endpoints/endpoint-hits.js';
import { EndpointHitsFeed } from './endpoints/endpoint-hits-feed.js';
import { createComparison, type Comparison } from './comparison/index.js';
import type { ProfileService } from './profiles/profile-service.js';
import { createVerdictService, type VerdictService } from './verdicts/verdict-service.js';
import { createSender, type Sender } from './sender/index.js';
import { EnvironmentService } from './environments/environment-service.js';
import { SavedViewService } from './saved-views/saved-view-service.js';
import { EndpointCallbacks } from './endpoints/endpoint-callbacks.js';
import { profileSigner } from './profiles/profile-signer.js';
import { createMetrics, type Metrics } from './metrics/index.js';
import { ExchangesRepository, type ExchangeQueries } from './store/exchanges-repository.js';
import { openDatabase, type Db } from './store/open-database.js';
import { acquireDataFolderLock } from './store/data-folder-lock.js';
import { Lifecycle } from './lifecycle.js';
import { explainOpenFailure, StoreHealth } from './store/store-health.js';
import { SettingsRepository } from './store/settings-repository.js';
import { RetentionRunner, type RetentionStatus } from './retention/runner.js';
import { noRetention, type RetentionPolicy } from './retention/policy.js';
import { startPipeline, type DerivationPipeline } from './pipeline/pipeline.js';
import { savedStartup, StartupService } from './settings/startup-service.js';
import { startupSources } from './settings/startup-settings.js';
import { keyFileProvider } from './profiles/key-file.js';
import { Tunnel } from './tunnel/tunnel.js';
import { SecretCipher } from './profiles/secret-cipher.js';
import { SecretsRepository } from './store/secrets-repository.js';
import { HarRowsRepository, type HarRowExtras } from './store/har-rows-repository.js';
import type { ExchangeRecord, StoredExchange } from './store/exchange-record.js';

export type { CoreConfig, CoreConfigInput } from './config.js';
export type { KeyProvider, KeyWrapper } from './profiles/key-file.js';
export type * from './model/exchange.js';
export type * from './model/tunnel.js';

/**
 * The running engine as its hosts (desktop, `serve`, control routes, tests) see it: services and
 * queries, never the SQLite connection or a raw write path of the log.
 */
export interface Core {
  readonly config: CoreConfig;
  readonly token: string;
  readonly receiverUrl: string;
  /** The HTTPS receiver's URL, or null when none is configured (`receiver.httpsPort`). */
  readonly httpsReceiverUrl: string | null;
  readonly controlUrl: string;
  /** The log's SQLite file. The connection stays inside the core: a test that must look under the API opens its own. */
  readonly dbFile: string;
  readonly events: CoreEvents;
  /** Read queries of the log; every write goes through the core (capture, import, delete, clear) so the pipeline and UI hear of it. */
  readonly exchanges: ExchangeQueries;
  /** Everything derived after commit (index, verdicts, baselines, metrics), in its own thread. */
  readonly derived: DerivationPipeline;
  readonly waiters: CaptureWaiters;
  readonly endpoints: EndpointService;
  /** Captures per endpoint, total and since start or reset. */
  readonly endpointHits: EndpointHits;
  /** Pushes fresh hit counts (`endpoint-hits` events) while an event stream watches. */
  readonly endpointHitsFeed: EndpointHitsFeed;
  /** Diffs, saved ignore rules, golden baselines checked after commit (src/comparison). */
  readonly comparison: Comparison;
  /** Partner profiles and their secrets (src/profiles). */
  readonly profiles: ProfileService;
  /** Signature and parameter verdicts of every capture, computed after commit (src/verdicts). */
  readonly verdicts: VerdictService;
  /** Postback KPIs kept current after commit, reconciliation, reports (src/metrics). */
  readonly metrics: Metrics;
  /** Templates, macros, delivery with retries from the SQLite outbox, replay, bulk (src/sender). */
  readonly sender: Sender;
  /** Named sets of Composer variables (`{{name}}`), secret ones sealed (src/environments). */
  readonly environments: EnvironmentService;
  /** The Inbox's saved filter views (src/saved-views). */
  readonly savedViews: SavedViewService;
  /** Called when an endpoint's delayed callback is due (the sender plugs in here). */
  onCallback: (callback: CallbackRequest) => void;
  pause(): void;
  resume(): void;
  isPaused(): boolean;
  status(): CoreStatus;
  deleteExchange(id: number): boolean;
  /** Deletes many through the same path as one (index, derived state, `deleted` event); answers the ids deleted. */
  deleteExchanges(ids: number[]): number[];
  /** The retention policy (max age / size) and its runner. */
  readonly retention: Retention;
  /** Receiver port, bind address and body limit saved for the next start (src/settings). */
  readonly startup: StartupService;
  /** A tunnel client (cloudflared, ngrok, ssh) exposing the receiver port to partners on the internet. */
  readonly tunnel: Tunnel;
  /** `through`: only ids up to it (the UI's delayed, undoable clear spares what arrived meanwhile). */
  clearExchanges(through?: number): void;
  /**
   * One path for every import (HAR): all rows in one transaction, each marked with its import
   * facts, then announced as a commit is (derivation pipeline, UI). Capture waiters are not told:
   * an imported postback did not arrive now. Answers the new ids in order.
   */
  importExchanges(items: ReadonlyArray<{ record: ExchangeRecord; facts: unknown }>): number[];
  /** What a HAR export needs beside each exchange (import facts, an out exchange's destination). */
  exportExtras(ids: readonly number[]): Map<number, HarRowExtras>;
  /** Stops every part in the reverse order of its start: servers first, the database and the folder lock last. */
  close(): Promise<void>;
}

export interface Retention {
  status(): RetentionStatus;
  /** Saved in the data folder and applied at once. */
  setPolicy(policy: RetentionPolicy): void;
  runNow(): Promise<number>;
}

/** One engine for every host: the desktop app, `serve`, and tests. */
export async function createCore(input: CoreConfigInput = {}): Promise<Core> {
  // Without the data folder's saved startup settings: enough to find and open the folder.
  const folder = resolveConfig(input);
  const lifecycle = new Lifecycle();
  try {
    return await startCore(input, folder, lifecycle);
  } catch (error) {
    // Stop exactly what had started (the folder lock last), then report the first cause.
    await lifecycle.stopAll().catch(() => undefined);
    throw explainOpenFailure(error, folder.dataDir);
  }
}

/** Starts each part in order, recording how to stop it: `close()` runs that list backwards. */
async function startCore(input: CoreConfigInput, folder: CoreConfig, lifecycle: Lifecycle): Promise<Core> {
  const binding = folder.sqliteNativeBinding ? { nativeBinding: folder.sqliteNativeBinding } : {};
  const lock = acquireDataFolderLock(folder.dataDir, binding);
  lifecycle.started('data folder lock', () => lock.release());
  const dbFile = join(folder.dataDir, 'postbacks.sqlite');
  const db: Db = openDatabase(dbFile, binding);
  lifecycle.started('database', () => {
    db.close();
  });
  const settings = new SettingsRepository(db);
  // Given values (flags) win; the saved startup settings fill the rest before anything listens.
  const savedAtStart = savedStartup(settings);
  const config: CoreConfig = resolveConfig(input, savedAtStart);
  const token = config.control.token ?? randomBytes(32).toString('base64url');
  // The key never sits in the database; before anything reads a secret, old clear rows are sealed.
  const secretsKey = (config.secretsKey ?? keyFileProvider()).load(config.dataDir);
  const cipher = new SecretCipher(secretsKey.key, secretsKey.source);
  new SecretsRepository(db, cipher).encryptClearRows();
  const events = new CoreEvents();
  const exchanges = new ExchangesRepository(db);
  // The derivation thread checkpoints the WAL: on this connection it would cost the receiver's loop.
  db.pragma('wal_autocheckpoint = 0');
  // What is not derived yet at close is picked up at the next start (cursors live in meta).
  const derived = startPipeline({ dbFile, maxDecodedBytes: config.limits.maxDecodedBytes, secretsKey: cipher.keyBytes(), secretsKeySource: secretsKey.source, ...binding }, events);
  lifecycle.started('derivation pipeline', () => derived.close());
  const waiters = new CaptureWaiters(config.limits.maxDecodedBytes);
  const rate = new CaptureRate();
  const endpointResponder = new EndpointResponder(config.limits.maxDecodedBytes, (callback) => core.onCallback(callback));
  const endpoints = new EndpointService(new EndpointsRepository(db), endpointResponder, () => derived.endpointsChanged());
  const endpointHits = new EndpointHits(new EndpointHitsRepository(db), () => exchanges.maxId());
  const endpointHitsFeed = new EndpointHitsFeed(events, endpointHits, () => endpoints.list().map((e) => e.id));
  const comparison = createComparison({ db, exchanges, events, maxDecodedBytes: config.limits.maxDecodedBytes, pipeline: derived });
  lifecycle.started('comparison', () => comparison.close());
  const verdicts = createVerdictService({ db, exchanges, endpoints, events, cipher, maxDecodedBytes: config.limits.maxDecodedBytes, pipeline: derived });
  lifecycle.started('verdicts', () => verdicts.close());
  const metrics = createMetrics({ db, events, pipeline: derived, profiles: verdicts.profiles });
  lifecycle.started('metrics', () => metrics.close());
  let paused = false;
  // Shown in the paused banner: how many postbacks were turned away (503) since capture paused.
  let pausedSince: number | null = null;
  let pausedRefusals = 0;
  let lastError: string | null = null;
  events.on('error', (message) => (lastError = message));

  const health = new StoreHealth();
  const committer = new GroupCommitter(
    exchanges,
    config.limits,
    (rows) => {
      health.wrote();
      rate.add(rows.length);
      waiters.onCommitted(rows);
      derived.committed(rows.length, rows[rows.length - 1]!.id);
      events.emit('committed', rows);
    },
    (error) => health.failed(error),
  );
  const receiverOptions = {
    limits: config.limits,
    committer,
    responder: () => endpointResponder,
    isPaused: () => paused,
    // Counted where the receiver turns a postback away, for the paused banner.
    onPausedRefusal: () => void pausedRefusals++,
    onError: (message: string) => events.emit('error', message),
  };
  const receiver = buildReceiver(receiverOptions);
  const receiverUrl = await listenReceiver(receiver, config.receiver, startupSources(input, savedAtStart));
  lifecycle.started('receiver', async () => {
    await receiver.close();
    // Answers in flight waited for their commit; anything still queued is written now.
    committer.flush();
  });
  let https: Awaited<ReturnType<typeof startHttpsReceiver>> | null = null;
  if (config.receiver.httpsPort !== null) {
    const { host, httpsPort, tlsNames } = config.receiver;
    https = await startHttpsReceiver({ dataDir: config.dataDir, host, port: httpsPort, names: tlsNames }, receiverOptions);
    const started = https;
    // Stopped before the HTTP receiver, whose stop flushes the queue both of them feed.
    lifecycle.started('https receiver', async () => {
      started.stopRenewing();
      await started.receiver.close();
    });
  }
  const httpsReceiverUrl = https?.url ?? null;
  const tunnel = new Tunnel({ receiver: { host: config.receiver.host, port: Number(new URL(receiverUrl).port) }, onError: (message) => events.emit('error', message) });
  // Stopped before the receiver closes; its crash is a status, never the app's end.
  lifecycle.started('tunnel', () => tunnel.stop());

  const environments = new EnvironmentService(db, cipher);
  const sender = createSender({ db, exchanges, events, derived, signer: profileSigner(verdicts.profiles), environments: (id) => environments.resolve(id), ...(config.sender ? { config: config.sender } : {}), ...binding });
  lifecycle.started('sender', () => sender.close());
  const callbacks = new EndpointCallbacks(sender, (message) => events.emit('error', message));
  lifecycle.started('endpoint callbacks', () => callbacks.close());

  const harRows = new HarRowsRepository(db, exchanges);

  /** One path for every delete (the user's, retention's): the index, derived state and the UI are told. */
  function removeExchanges(ids: number[]): number[] {
    const deleted = exchanges.deleteMany(ids);
    if (deleted.length > 0) {
      derived.deleted(deleted);
      events.emit('deleted', deleted);
    }
    return deleted;
  }

  let controlUrl = '';
  const core: Core = {
    config,
    token,
    receiverUrl,
    httpsReceiverUrl,
    get controlUrl() {
      return controlUrl;
    },
    dbFile,
    events,
    exchanges,
    derived,
    waiters,
    endpoints,
    endpointHits,
    endpointHitsFeed,
    comparison,
    profiles: verdicts.profiles,
    verdicts,
    metrics,
    sender,
    environments,
    savedViews: new SavedViewService(db),
    onCallback: (callback) => callbacks.schedule(callback),
    pause: () => {
      if (paused) return;
      paused = true;
      pausedSince = Date.now();
      pausedRefusals = 0;
    },
    resume: () => {
      paused = false;
      pausedSince = null;
    },
    isPaused: () => paused,
    status: () => ({
      receiverUrl,
      httpsReceiverUrl,
      receiverState: health.full ? 'error' : paused ? 'paused' : 'listening',
      receiverError: health.state().message,
      store: health.state(),
      controlUrl,
      dataDir: config.dataDir,
      exchangeCount: exchanges.count(),
      storeBytes: storeSize(dbFile),
      indexLag: Math.max(0, exchanges.maxId() - derived.progress().indexedThrough),
      derivation: derived.status(),
      capturesPerSecond: rate.perSecond(),
      refusedConnections: receiver.refusedConnections() + (https?.receiver.refusedConnections() ?? 0),
      pausedRefusals,
      pausedSince,
      lastError,
      tunnel: tunnel.status(),
    }),
    deleteExchange: (id) => removeExchanges([id]).length > 0,
    deleteExchanges: (ids) => removeExchanges(ids),
    importExchanges(items) {
      const ids = harRows.insertImported(items);
      if (ids.length > 0) {
        const stored: StoredExchange[] = items.map((item, i) => Object.assign({}, item.record, { id: ids[i]! }));
        derived.committed(ids.length, ids[ids.length - 1]!);
        events.emit('committed', stored);
      }
      return ids;
    },
    exportExtras: (ids) => harRows.extras(ids),
    retention: {
      status: () => retention.status(),
      setPolicy: (policy) => {
        settings.set('retention', policy);
        retention.setPolicy(policy);
      },
      runNow: () => retention.runNow(),
    },
    tunnel,
    clearExchanges: (through) => {
      if (through !== undefined && through < exchanges.maxId()) {
        removeExchanges(exchanges.idsThrough(through));
        return;
      }
      exchanges.clear();
      derived.cleared(exchanges.maxId());
      events.emit('cleared', undefined);
    },
    startup: new StartupService(settings, { input, savedAtStart, config, receiverUrl }),
    close: () => lifecycle.stopAll(),
  };
  const retention = new RetentionRunner({ db, count: () => exchanges.count(), remove: (ids) => void removeExchanges(ids), busy: () => rate.perSecond() >= 200 });
  if (config.retention) settings.set('retention', config.retention);
  retention.start(config.retention ?? settings.get<RetentionPolicy>('retention') ?? noRetention);
  lifecycle.started('retention', () => retention.close());
  const control = buildControlServer(core);
  controlUrl = await listen(control, '127.0.0.1', config.control.port, 'control API');
  lifecycle.started('control API', () => control.close());
  // Long polls end first, or closing the control API would wait for their timeouts.
  lifecycle.started('capture waiters', () => waiters.cancelAll());
  lock.announce(controlUrl, token);
  verdicts.start();
  metrics.start();
  void sender.start();
  return core;
}

async function listenReceiver(receiver: Receiver, { host, port }: CoreConfig['receiver'], sources: ReturnType<typeof startupSources>): Promise<string> {
  // A saved value the user cannot reach from a window that never opens: say which flag overrides it.
  const savedHint = [sources.receiverPort === 'saved' ? `port ${port} (--receiver-port overrides it)` : '', sources.bind === 'saved' ? `address ${host} (--bind overrides it)` : '']
    .filter(Boolean)
    .join(' and ');
  const origin = savedHint ? ` The ${savedHint} came from the saved Settings.` : '';
  try {
    return await receiver.listen(host, port);
  } catch (error) {
    const inUse = portInUseError(error, 'receiver', host, port, origin);
    if (inUse) throw inUse;
    if (origin) throw new Error(`The receiver cannot listen on ${host}:${port}: ${(error as Error).message}.${origin}`);
    throw error;
  }
}

async function listen(app: FastifyInstance, host: string, port: number, what: string): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    throw portInUseError(error, what, host, port) ?? error;
  }
  return listenUrl('http', app.server.address() as AddressInfo);
}

function storeSize(dbFile: string): number {
  let total = 0;
  for (const file of [dbFile, `${dbFile}-wal`]) {
    try {
      total += statSync(file).size;
    } catch {
      // The WAL file comes and goes with checkpoints.
    }
  }
  return total;
}
