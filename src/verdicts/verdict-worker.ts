import type { ExchangeVerdict, VerdictSummary } from '../model/verdict.js';
import type { ProfileService, ResolvedProfile } from '../profiles/profile-service.js';
import type { StoredExchange } from '../store/exchange-record.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';
import type { Db } from '../store/open-database.js';
import type { VerdictsRepository } from '../store/verdicts-repository.js';
import { computeVerdict } from './compute-verdict.js';

/** What the worker needs of the endpoints: which profile each one points at. */
export interface EndpointProfiles {
  list(): Array<{ id: number; profileId?: number | null }>;
}

export interface WorkerDeps {
  db: Db;
  exchanges: Pick<ExchangesRepository, 'get' | 'maxId'>;
  endpoints: EndpointProfiles;
  profiles: ProfileService;
  verdicts: VerdictsRepository;
  maxDecodedBytes: number;
  batchSize: number;
  /** Milliseconds one batch may run before yielding to the event loop. */
  budgetMs: number;
  /** When the next batch may run (the core paces it against capture load); default: next turn. */
  defer?: (run: () => void) => void;
}

export type ProfileOf = (endpointId: number | null) => ResolvedProfile | null;

/** Endpoint id → the profile id it points at. */
export function endpointLinks(endpoints: EndpointProfiles): Map<number, number | null> {
  return new Map(endpoints.list().map((e) => [e.id, e.profileId ?? null]));
}

/** The profile each endpoint points at, each profile resolved (secret included) at most once. */
export function profileLookup(links: Map<number, number | null>, profiles: Pick<ProfileService, 'resolve'>): ProfileOf {
  const cache = new Map<number, ResolvedProfile | null>();
  return (endpointId) => {
    const profileId = endpointId === null ? null : (links.get(endpointId) ?? null);
    if (profileId === null) return null;
    if (!cache.has(profileId)) cache.set(profileId, profiles.resolve(profileId));
    return cache.get(profileId)!;
  };
}

/** The verdict of one stored exchange with the profile of its endpoint (or none). */
export function judgeExchange(exchange: StoredExchange, profile: ResolvedProfile | null, maxDecodedBytes: number): ExchangeVerdict {
  return computeVerdict({
    exchangeId: exchange.id,
    request: exchange,
    // Judged as of the capture, so a re-run next week gives the same timestamp verdicts.
    nowSec: Math.floor(exchange.receivedAt / 1000),
    profile: profile ? { id: profile.id, input: profile.input } : null,
    key: profile?.key ?? null,
    rejected: exchange.rejected,
    maxDecodedBytes,
    remoteAddress: exchange.remoteAddress,
  });
}

/**
 * Computes verdicts after commit, in batches, the way the search indexer fills its tables: the
 * acknowledgement path never pays for signatures or checks. New captures come first (by id,
 * progress in meta.verdicts_through, so a restart catches up), then verdicts made stale by a
 * profile change, newest first.
 */
export class VerdictWorker {
  private through: number;
  private scheduled = false;
  private closed = false;
  private readonly pendingStatement;
  private readonly countBehind;
  private linkSnapshot = new Map<number, number | null>();
  private readonly listeners = new Set<(summaries: VerdictSummary[]) => void>();

  constructor(private readonly deps: WorkerDeps) {
    this.through = deps.verdicts.through();
    this.pendingStatement = deps.db.prepare(`SELECT id, direction FROM exchanges WHERE id > ? ORDER BY id LIMIT ?`);
    this.countBehind = deps.db.prepare(`SELECT count(*) FROM exchanges WHERE id > ? AND direction = 'in'`).pluck();
    this.linkSnapshot = this.currentLinks();
  }

  /** Asks for a run soon; many calls in one tick make one run. */
  schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    (this.deps.defer ?? setImmediate)(() => {
      this.scheduled = false;
      if (this.runBatch()) this.schedule();
    });
  }

  /** One batch of new captures, else one of stale verdicts; true when more is waiting. */
  runBatch(): boolean {
    if (this.closed) return false;
    const links = this.noticeRelinkedEndpoints();
    const rows = this.pendingStatement.all(this.through, this.deps.batchSize) as Array<{ id: number; direction: string }>;
    const profileOf = this.profileLookup(links);
    const started = performance.now();
    // A batch stops at its time budget: signature checks cost more than indexing, and the receiver
    // shares this event loop, so a backlog must never delay the acknowledgement of new captures.
    const overBudget = () => performance.now() - started > this.deps.budgetMs;
    const computed: ExchangeVerdict[] = [];
    if (rows.length > 0) {
      let last = this.through;
      for (const row of rows) {
        if (row.direction === 'in') computed.push(...this.judge(row.id, profileOf));
        last = row.id;
        if (overBudget()) break;
      }
      this.deps.verdicts.saveMany(computed, last);
      this.through = last;
      this.announce(computed);
      // Whatever is left (more captures or stale verdicts) is the next run's.
      return true;
    }
    const staleIds = this.deps.verdicts.staleBatch(this.deps.batchSize);
    let done = 0;
    for (const id of staleIds) {
      computed.push(...this.judge(id, profileOf));
      done++;
      if (overBudget()) break;
    }
    this.deps.verdicts.saveMany(computed);
    this.announce(computed);
    return done < staleIds.length || staleIds.length === this.deps.batchSize;
  }

  /** New captures judged so far (by id). */
  get progress(): number {
    return this.through;
  }

  drain(): void {
    while (this.runBatch()) {
      /* keep going */
    }
  }

  /** Captures without a verdict yet, plus verdicts waiting for a re-run. */
  lag(): number {
    return (this.countBehind.get(this.through) as number) + this.deps.verdicts.staleCount();
  }

  /** If ids are ever reused after deletes or a clear (a table without AUTOINCREMENT), never stay ahead of them. */
  rewind(): void {
    this.through = Math.min(this.through, this.deps.exchanges.maxId());
    this.deps.verdicts.saveThrough(this.through);
  }

  onVerdicts(listener: (summaries: VerdictSummary[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
  }

  /** Endpoint id → profile id, read once per batch (the endpoints table is small). */
  profileLookup(links = this.currentLinks()): ProfileOf {
    return profileLookup(links, this.deps.profiles);
  }

  private judge(id: number, profileOf: ProfileOf): ExchangeVerdict[] {
    const exchange = this.deps.exchanges.get(id);
    if (!exchange || exchange.direction !== 'in') return [];
    return [judgeExchange(exchange, profileOf(exchange.endpointId), this.deps.maxDecodedBytes)];
  }

  private currentLinks(): Map<number, number | null> {
    return endpointLinks(this.deps.endpoints);
  }

  /** An endpoint given another profile (or none) changes the verdicts of everything it caught. */
  private noticeRelinkedEndpoints(): Map<number, number | null> {
    const now = this.currentLinks();
    const changed = [...new Set([...now.keys(), ...this.linkSnapshot.keys()])].filter((id) => (now.get(id) ?? null) !== (this.linkSnapshot.get(id) ?? null));
    this.linkSnapshot = now;
    if (changed.length > 0) this.deps.verdicts.markStaleByEndpoints(changed);
    return now;
  }

  private announce(verdicts: ExchangeVerdict[]): void {
    if (verdicts.length === 0) return;
    const summaries = verdicts.map(summaryOf);
    for (const listener of this.listeners) {
      try {
        listener(summaries);
      } catch {
        // One faulty subscriber must not stop the worker.
      }
    }
  }
}

export function summaryOf(v: ExchangeVerdict): VerdictSummary {
  return { exchangeId: v.exchangeId!, status: v.status, signature: v.signature.status, failures: v.failures, warnings: v.warnings, profileId: v.profileId };
}
