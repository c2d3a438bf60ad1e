import type { CoreEvents } from '../events.js';
import type { ExchangeVerdict, VerdictSummary } from '../model/verdict.js';
import { ProfileService } from '../profiles/profile-service.js';
import { maskDeep } from '../profiles/secret-mask.js';
import { secretMaskFor } from '../profiles/secrets.js';
import type { SecretCipher } from '../profiles/secret-cipher.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';
import type { Db } from '../store/open-database.js';
import { VerdictsRepository } from '../store/verdicts-repository.js';
import { createVerifier, type VerifyResult } from './verifier.js';
import { endpointLinks, judgeExchange, profileLookup, VerdictWorker, type EndpointProfiles } from './verdict-worker.js';

export interface VerdictServiceDeps {
  db: Db;
  exchanges: ExchangesRepository;
  /** core.endpoints: only `list()` is read, for each endpoint's profileId. */
  endpoints: EndpointProfiles;
  /** Subscribed to: committed (new work), deleted and cleared (ids may be reused). */
  events: Pick<CoreEvents, 'on'>;
  maxDecodedBytes: number;
  /** Shared with the sender if it already made one; otherwise created here. */
  profiles?: ProfileService;
  /** Seals and opens the stored secrets (needed when `profiles` is not given). */
  cipher?: SecretCipher;
  batchSize?: number;
  /** Longest one background batch may hold the event loop (default 20 ms). */
  budgetMs?: number;
  /** When background batches may run; default: next turn. */
  defer?: (run: () => void) => void;
  /**
   * The core's derivation thread: when given, it computes verdicts and this service only reads,
   * marks stale and judges on demand. Without it (tests, tools) a worker runs on this thread.
   */
  pipeline?: { verdictsStale(): void };
}

export interface VerdictService {
  readonly profiles: ProfileService;
  /** Subscribes to core events and catches up on captures committed while the app was closed. */
  start(): void;
  /** Stops; what is still pending is picked up by the next start() (progress lives in meta), so quitting never waits on a backlog. */
  close(): void;
  /** Runs until caught up: for tests and for close. */
  drain(): void;
  /** Captures still without a verdict plus verdicts waiting for a re-run. */
  lag(): number;
  /** Marks the verdicts judged with this profile (or caught by an endpoint using it) for a re-run. */
  rerunForProfile(profileId: number): number;
  /** After an endpoint's profileId changed (also noticed on the next batch by itself). */
  rerunForEndpoint(endpointId: number): number;
  /** The stored verdict; computed now if the worker has not got to it yet or it is stale. Null: no such capture. */
  verdictFor(exchangeId: number): ExchangeVerdict | null;
  /** Badges for a page of the list. */
  summaries(exchangeIds: readonly number[]): VerdictSummary[];
  /** POST /api/verify: a raw request or an exchange id, with a scheme/profile/secret of the caller's choosing. */
  verify(body: unknown): VerifyResult;
  /** New and re-run verdicts, one call per batch: wire to `events.emit('verdicts', …)`. */
  onVerdicts(listener: (summaries: VerdictSummary[]) => void): () => void;
}

/** Who computes verdicts after commit: the derivation thread, or a worker on this thread. */
interface Judging {
  start(): void;
  close(): void;
  rerun(): void;
  drain(): void;
  lag(): number;
  onVerdicts(listener: (summaries: VerdictSummary[]) => void): () => void;
}

export function createVerdictService(deps: VerdictServiceDeps): VerdictService {
  const profiles = deps.profiles ?? new ProfileService(deps.db, requiredCipher(deps.cipher));
  const verdicts = new VerdictsRepository(deps.db);
  const verifier = createVerifier({ exchanges: deps.exchanges, profiles, maxDecodedBytes: deps.maxDecodedBytes });
  const judging = deps.pipeline ? threadJudging(deps, deps.pipeline, verdicts) : localJudging(deps, profiles, verdicts);
  const rerunForProfile = (profileId: number): number => {
    const endpointIds = deps.endpoints.list().filter((e) => e.profileId === profileId).map((e) => e.id);
    const marked = verdicts.markStaleByProfile(profileId) + verdicts.markStaleByEndpoints(endpointIds);
    judging.rerun();
    return marked;
  };
  let stopProfiles = (): void => undefined;

  return {
    profiles,
    start() {
      stopProfiles = profiles.onChange((change) => rerunForProfile(change.profileId));
      judging.start();
    },
    close() {
      stopProfiles();
      judging.close();
    },
    drain: () => judging.drain(),
    lag: () => judging.lag(),
    rerunForProfile,
    rerunForEndpoint(endpointId) {
      const marked = verdicts.markStaleByEndpoints([endpointId]);
      judging.rerun();
      return marked;
    },
    verdictFor(exchangeId) {
      const exchange = deps.exchanges.get(exchangeId);
      if (!exchange || exchange.direction !== 'in') return null;
      const stored = verdicts.get(exchangeId);
      const profile = profileLookup(endpointLinks(deps.endpoints), profiles)(exchange.endpointId);
      // Fresh and judged with the profile the endpoint points at now: serve it as stored.
      // Masked again on the way out: rows judged before masking worked on bytes may still hold the secret.
      if (stored && !stored.stale && stored.verdict.profileId === (profile?.id ?? null)) return maskDeep(stored.verdict, secretMaskFor(profile?.key ?? null));
      const verdict = judgeExchange(exchange, profile, deps.maxDecodedBytes);
      verdicts.save(verdict);
      return verdict;
    },
    summaries: (ids) => verdicts.summaries(ids),
    verify: (body) => verifier.verify(body),
    onVerdicts: (listener) => judging.onVerdicts(listener),
  };
}

/** The core's case: the derivation thread judges; this side marks stale, relays and counts. */
function threadJudging(deps: VerdictServiceDeps, pipeline: { verdictsStale(): void }, verdicts: VerdictsRepository): Judging {
  const behind = deps.db.prepare(`SELECT count(*) FROM exchanges WHERE id > ? AND direction = 'in'`).pluck();
  const listeners = new Set<(summaries: VerdictSummary[]) => void>();
  let stop = (): void => undefined;
  return {
    start() {
      stop = deps.events.on('verdicts', (items) => {
        for (const listener of listeners) listener(items);
      });
    },
    close: () => stop(),
    rerun: () => pipeline.verdictsStale(),
    drain() {
      // Judging here would run on the receiver's loop: wait with `core.derived.settle()` instead.
      throw new Error('verdicts are computed by the derivation thread: await core.derived.settle()');
    },
    lag: () => (behind.get(verdicts.through()) as number) + verdicts.staleCount(),
    onVerdicts(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Tests and tools without the core: a worker on this thread, driven by the core's events. */
function localJudging(deps: VerdictServiceDeps, profiles: ProfileService, verdicts: VerdictsRepository): Judging {
  const worker = new VerdictWorker({
    db: deps.db,
    exchanges: deps.exchanges,
    endpoints: deps.endpoints,
    profiles,
    verdicts,
    maxDecodedBytes: deps.maxDecodedBytes,
    batchSize: deps.batchSize ?? 500,
    budgetMs: deps.budgetMs ?? 20,
    ...(deps.defer ? { defer: deps.defer } : {}),
  });
  const unsubscribe: Array<() => void> = [];
  return {
    start() {
      worker.rewind();
      unsubscribe.push(
        deps.events.on('committed', () => worker.schedule()),
        deps.events.on('deleted', () => worker.rewind()),
        deps.events.on('cleared', () => worker.rewind()),
      );
      worker.schedule();
    },
    close() {
      for (const stop of unsubscribe.splice(0)) stop();
      worker.close();
    },
    rerun: () => worker.schedule(),
    drain: () => worker.drain(),
    lag: () => worker.lag(),
    onVerdicts: (listener) => worker.onVerdicts(listener),
  };
}

function requiredCipher(cipher: SecretCipher | undefined): SecretCipher {
  if (!cipher) throw new Error('createVerdictService needs `profiles` or the secrets `cipher`');
  return cipher;
}
