import { performance } from 'node:perf_hooks';
import type { RawHeaders } from '../model/exchange.js';
import type { OutboxState, SendResult, TemplateSpec } from '../model/sender.js';
import { failurePercentError, injectedFailureHeader } from '../shared/injected-failure.js';
import { AttemptsRepository } from '../store/attempts-repository.js';
import { OutboxBulkActions } from '../store/outbox-bulk-actions.js';
import { CircuitsRepository, OutboxRepository, toItem, type OutboxRecord } from '../store/outbox-repository.js';
import { TemplatesRepository } from '../store/templates-repository.js';
import { startBulk } from './bulk.js';
import { Deliverer, type AttemptResult, type AttemptTarget } from './deliver.js';
import { settleInterrupted } from './interrupted.js';
import { recordEntry } from './record-entry.js';
import { compileTemplate } from './expand.js';
import { environmentMask, maskPreview, maskProblems } from './environment-masking.js';
import { makeValues } from './generators.js';
import { SendJournal } from './journal.js';
import { OutboxWorker } from './outbox-worker.js';
import { PooledTransport } from './pooled-transport.js';
import { inThreadWriter, startWriterThread } from './record-writer.js';
import { buildReplay } from './replay.js';
import { outboundExchange, prepareExact, prepareFromTemplate, settingsFor, wireFromStored, type Prepared, type SenderDefaults } from './requests.js';
import { disableAfter } from './retry-policy.js';
import { overridesOf, resolveSenderConfig } from './sender-config.js';
import { SenderEvents } from './sender-events.js';
import { SenderInputError, SendRefusedError, terminalStates, type BulkRun, type Sender, type SenderConfig, type SenderDeps, type SenderEnvironment, type SendInput, type WaitFor } from './sender-types.js';
import { noMask, type SecretMask } from '../profiles/secret-mask.js';
import type { WireRequest } from './transport.js';
import { ValueResolver } from './values.js';
import { sentDestination } from '../store/sent-destination.js';

/** How long close() lets attempts in flight finish before dropping them (they resume next start). */
const closeGraceMs = 2000;

/** The sender: templates → expanded requests → outbox → undici, every attempt recorded. */
export function createSender(deps: SenderDeps): Sender {
  const config = resolveSenderConfig(deps.config);
  const defaults: SenderDefaults = config;
  const { db, exchanges } = deps;
  const templates = new TemplatesRepository(db);
  const outbox = new OutboxRepository(db);
  const attempts = new AttemptsRepository(db);
  const circuits = new CircuitsRepository(db);
  const many = new OutboxBulkActions(db);
  const events = new SenderEvents();
  const journal = new SendJournal(
    db,
    exchanges,
    outbox,
    attempts,
    (rows) => {
      deps.events.emit('committed', rows);
      if (rows.length) deps.derived?.committed(rows.length, Math.max(...rows.map((r) => r.id)));
    },
    inThreadWriter(db, outbox, attempts),
    (message) => events.emit('error', message),
  );
  const pooled = new PooledTransport({ connections: config.connectionsPerOrigin, connectTimeoutMs: config.timeoutMs });
  const deliverer = new Deliverer(pooled, journal, circuits, { maxRedirects: config.maxRedirects, maxResponseBytes: config.maxResponseBytes });
  const finals = new Map<number, Array<(state: OutboxState) => void>>();
  // Attempts started outside the worker (first attempts): counted, so close() can wait for them.
  let inFlight = 0;
  let whenIdle: Array<() => void> = [];
  const untrack = (): void => {
    if (--inFlight === 0) for (const resolve of whenIdle.splice(0)) resolve();
  };
  const bulkRuns = new Map<string, BulkRun>();
  let closed = false;
  const own = config.resume ? null : new Set<number>();

  const worker = new OutboxWorker(
    outbox,
    async (record: OutboxRecord) => {
      const stored = exchanges.get(record.exchangeId);
      if (!stored) return;
      await runAttempt(record, wireFromStored(record.method, record.url, stored.target, stored.rawHeaders, stored.body, record.transport), record.bulkId);
    },
    config.maxConcurrentRetries,
    (message) => events.emit('error', message),
    () => void settleInterrupted(db, outbox, attempts),
    () => (own ? [...own] : null),
  );

  async function runAttempt(target: AttemptTarget, wire: WireRequest, bulkId: string | null): Promise<AttemptResult> {
    const result = await deliverer.attempt(target, wire);
    if (result.nextAttemptAt !== null) worker.wake(result.nextAttemptAt);
    if (events.has('attempt')) {
      const [view] = attempts.forOutbox(target.id).filter((a) => a.number === result.number).slice(-1);
      if (view) events.emit('attempt', { ...view, bulkId });
    }
    // Bulk runs report through their progress events, not one event per postback.
    if (bulkId === null && events.has('outbox')) {
      const record = outbox.get(target.id);
      if (record) events.emit('outbox', toItem(record));
    }
    if (terminalStates.has(result.state)) settle(target.id, result.state);
    return result;
  }

  function settle(id: number, state: OutboxState): void {
    const waiting = finals.get(id);
    finals.delete(id);
    for (const resolve of waiting ?? []) resolve(state);
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight += 1;
    promise.then(untrack, untrack);
    return promise;
  }

  async function dispatch(prepared: Prepared, links: { templateId: number | null; sourceExchangeId: number | null; bulkId: string | null }) {
    if (closed) throw new Error('the sender is closed');
    const now = Date.now();
    const circuitKey = circuitKeyFor(prepared, links.templateId);
    const ids = await journal.create({
      exchange: outboundExchange(prepared, now),
      outbox: {
        ...links,
        method: prepared.wire.method,
        url: prepared.url,
        transport: prepared.transport,
        // Claimed by this process from the start: the first attempt goes out now, not via the worker.
        state: 'in_flight',
        nextAttemptAt: null,
        createdAt: now,
        idempotencyKey: prepared.idempotencyKey,
        correlation: prepared.correlation,
        circuitKey,
        settings: prepared.settings,
      },
    });
    own?.add(ids.outboxId);
    const target: AttemptTarget = { id: ids.outboxId, exchangeId: ids.exchangeId, attempts: 0, transport: prepared.transport, settings: prepared.settings, circuitKey, createdAt: now };
    return { ...ids, first: track(runAttempt(target, prepared.wire, links.bulkId)) };
  }

  /**
   * Bulk path: send first, write once afterwards (batched). Resolves with the final state; a
   * postback that needs a retry is written before the worker is told, then followed to the end.
   */
  async function deliverRecorded(prepared: Prepared, links: { templateId: number | null; bulkId: string }): Promise<OutboxState> {
    if (closed) throw new Error('the sender is closed');
    const createdAt = Date.now();
    const circuitKey = circuitKeyFor(prepared, links.templateId);
    const evaluated = await track(deliverer.evaluate({ attempts: 0, transport: prepared.transport, settings: prepared.settings, circuitKey, createdAt }, prepared.wire));
    const state = evaluated.next.state;
    const entry = recordEntry(prepared, evaluated, links, createdAt, circuitKey);
    // A final state needs no answer from the store (errors are reported as events); a retry does.
    if (terminalStates.has(state)) {
      journal.recordQuietly(entry);
      return state;
    }
    const { outboxId } = await journal.record(entry);
    own?.add(outboxId);
    worker.wake(evaluated.next.nextAttemptAt ?? Date.now());
    return waitFinal(outboxId);
  }

  /**
   * Bulk path for runs that ask to be recorded before each send: the single-send path (exchange,
   * outbox row and open attempt written first), followed to the postback's final state.
   */
  async function deliverJournaled(prepared: Prepared, links: { templateId: number | null; bulkId: string }): Promise<OutboxState> {
    const { outboxId, first } = await dispatch(prepared, { templateId: links.templateId, sourceExchangeId: null, bulkId: links.bulkId });
    const result = await first;
    return terminalStates.has(result.state) ? result.state : waitFinal(outboxId);
  }

  function circuitKeyFor(prepared: Prepared, templateId: number | null): string | null {
    if (disableAfter(prepared.settings.retry) === null) return null;
    return templateId !== null ? `template:${templateId}` : `origin:${prepared.wire.origin.toLowerCase()}`;
  }

  function waitFinal(id: number): Promise<OutboxState> {
    const record = outbox.get(id);
    if (!record) return Promise.resolve('cancelled');
    if (terminalStates.has(record.state)) return Promise.resolve(record.state);
    return new Promise((resolve) => {
      const list = finals.get(id) ?? [];
      list.push(resolve);
      finals.set(id, list);
    });
  }

  function resolveTemplate(input: { template?: TemplateSpec; templateId?: number }): { spec: TemplateSpec; templateId: number | null } {
    if (input.templateId !== undefined) {
      const stored = templates.get(input.templateId);
      if (!stored) throw new SenderInputError('not-found', `no template ${input.templateId}`);
      return { spec: input.template ? { ...stored, ...input.template } : stored, templateId: stored.id };
    }
    if (!input.template) throw new SenderInputError('bad-request', 'give a template or a templateId');
    return { spec: input.template, templateId: null };
  }

  /** The environment a send or run names; its variables are replaced before macros, in the one compile every path shares. */
  function resolveEnvironment(input: { environmentId?: number }): SenderEnvironment | null {
    if (input.environmentId === undefined) return null;
    const environment = deps.environments?.(input.environmentId) ?? null;
    if (!environment) throw new SenderInputError('not-found', `no environment ${input.environmentId}`);
    return environment;
  }

  function prepareSend(input: SendInput): { prepared: Prepared; templateId: number | null; mask: SecretMask } {
    const { spec, templateId } = resolveTemplate(input);
    const environment = resolveEnvironment(input);
    const prepared = prepareFromTemplate(compileTemplate(spec, environment), new ValueResolver(input.vars ?? {}, spec.defaults), overridesOf(input), defaults, deps.signer);
    return { prepared, templateId, mask: environmentMask(environment) };
  }

  function refuseIfNeeded(prepared: Prepared, sendAnyway: boolean | undefined, mask: SecretMask): void {
    const { problems } = prepared;
    const refuse = (list: typeof problems) => new SendRefusedError(maskProblems(list, mask), maskPreview(prepared.preview, mask));
    if (prepared.unsendable) throw refuse(problems.length ? problems : [{ code: 'invalid-url', message: prepared.unsendable }]);
    if (problems.length > 0 && !sendAnyway) throw refuse(problems);
  }

  async function result(prepared: Prepared, sent: { outboxId: number; first: Promise<AttemptResult> }, wait: WaitFor, mask: SecretMask = noMask): Promise<SendResult> {
    if (wait !== 'none') {
      const first = await sent.first;
      if (wait === 'final' && !terminalStates.has(first.state)) await waitFinal(sent.outboxId);
    }
    const record = outbox.get(sent.outboxId);
    if (!record) throw new Error(`outbox ${sent.outboxId} vanished (its exchange was deleted)`);
    return { outbox: toItem(record), attempts: attempts.forOutbox(sent.outboxId), delivered: record.state === 'delivered', preview: maskPreview(prepared.preview, mask) };
  }

  return {
    templates,
    on: (event, listener) => events.on(event, listener),
    preview(input) {
      const { prepared, mask } = prepareSend(input);
      return maskPreview(prepared.preview, mask);
    },
    async send(input) {
      const { prepared, templateId, mask } = prepareSend(input);
      refuseIfNeeded(prepared, input.sendAnyway, mask);
      return result(prepared, await dispatch(prepared, { templateId, sourceExchangeId: null, bulkId: null }), input.wait ?? 'first', mask);
    },
    async replay(exchangeId, input = {}) {
      const source = exchanges.get(exchangeId);
      if (!source) throw new SenderInputError('not-found', `no exchange ${exchangeId}`);
      let replay: ReturnType<typeof buildReplay>;
      try {
        replay = buildReplay(source, input);
      } catch (error) {
        throw new SenderInputError('bad-request', (error as Error).message);
      }
      const { wire, notes } = replay;
      const settings = settingsFor({}, overridesOf(input), defaults, input.success ?? { status: '2xx' });
      const prepared = prepareExact(wire, settings, source.correlation, notes);
      return result(prepared, await dispatch(prepared, { templateId: null, sourceExchangeId: exchangeId, bulkId: null }), input.wait ?? 'first');
    },
    bulk(input) {
      if (!Number.isInteger(input.count) || input.count < 1 || input.count > 1_000_000) throw new SenderInputError('bad-request', 'count must be a whole number from 1 to 1 000 000');
      const percentError = failurePercentError(input.failurePercent);
      if (percentError) throw new SenderInputError('bad-request', percentError);
      if (input.failureSeed !== undefined && !Number.isInteger(input.failureSeed)) throw new SenderInputError('bad-request', 'failure seed must be a whole number');
      const { spec, templateId } = resolveTemplate(input);
      const environment = resolveEnvironment(input);
      const compiled = compileTemplate(spec, environment);
      // Bulk runs retry only when asked: a 15-minute plan would keep a run open for an hour.
      const overrides = { ...overridesOf(input), retry: input.retry ?? { kind: 'none' as const } };
      const marker: RawHeaders = [[injectedFailureHeader, `bulk run, ${input.failurePercent}% with seed ${input.failureSeed ?? 1}`]];
      const prepare = (vars: Record<string, string>, fail: boolean): Prepared =>
        prepareFromTemplate(compiled, new ValueResolver(vars, spec.defaults), overrides, defaults, deps.signer, fail ? marker : []);
      // Check the first conversion up front: a template problem refuses the run, not N postbacks one by one.
      refuseIfNeeded(prepare({ ...input.vars, ...makeValues(input.generators ?? {})(0) }, false), input.sendAnyway, environmentMask(environment));
      const run = startBulk(
        { prepare, deliver: (prepared, bulkId) => (input.recordBeforeSend ? deliverJournaled(prepared, { templateId, bulkId }) : deliverRecorded(prepared, { templateId, bulkId })), events, isClosed: () => closed, flush: () => journal.drain(), tally: (bulkId) => many.tally(bulkId) ?? { attempts: 0, retried: 0 } },
        input,
      );
      bulkRuns.set(run.id, run);
      // Keep the last few runs for progress queries; older ones are only in the outbox.
      for (const id of bulkRuns.keys()) if (bulkRuns.size > 20) bulkRuns.delete(id);
      return run;
    },
    bulkRun: (id) => bulkRuns.get(id) ?? null,
    destinationOf: (exchangeId) => sentDestination(db, exchangeId),
    outbox: (filter) => outbox.list(filter),
    outboxItem(id) {
      const record = outbox.get(id);
      return record ? { item: toItem(record), attempts: attempts.forOutbox(id) } : null;
    },
    attemptsForExchange: (exchangeId) => attempts.forExchange(exchangeId),
    cancel(id) {
      const cancelled = outbox.cancel(id);
      if (cancelled) {
        settle(id, 'cancelled');
        const record = outbox.get(id);
        if (record && events.has('outbox')) events.emit('outbox', toItem(record));
      }
      return cancelled;
    },
    retryNow(id) {
      const queued = outbox.retryNow(id);
      if (queued) worker.wake(Date.now());
      return queued;
    },
    retryFailed(bulkId) {
      const ids = many.retryFailed(bulkId, own);
      if (ids.length > 0) worker.wake(Date.now());
      return ids.length;
    },
    finishedExchangeIds: (bulkId, before) => many.finishedExchangeIds(bulkId, before),
    bulkTallies: (limit) => many.tallies(limit),
    async waitFor(id, timeoutMs) {
      const final = waitFinal(id);
      const state = timeoutMs === undefined ? await final : await Promise.race([final, new Promise<null>((r) => setTimeout(() => r(null), timeoutMs).unref())]);
      const record = outbox.get(id);
      if (!record) throw new Error(`no outbox item ${id}`);
      if (state === null) throw new Error(`outbox item ${id} is still ${record.state} after ${timeoutMs} ms`);
      return toItem(record);
    },
    circuits: () => circuits.list(),
    status: () => ({ writer: journal.threaded ? 'thread' : 'main', inFlight, retriesInFlight: worker.active, bulkRuns: [...bulkRuns.values()].filter((r) => !r.progress().done).length }),
    resetCircuit: (key) => circuits.reset(key),
    async start() {
      worker.start();
      if (!config.writerThread) return;
      const threaded = await startWriterThread(db, outbox, deps.nativeBinding);
      if (threaded && !closed) journal.useWriter(threaded);
      else await threaded?.close();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const run of bulkRuns.values()) run.cancel();
      const started = performance.now();
      await worker.close();
      const grace = Math.max(0, closeGraceMs - (performance.now() - started));
      const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenIdle.push(resolve));
      await Promise.race([idle, new Promise((r) => setTimeout(r, grace).unref())]);
      await journal.close();
      await pooled.close();
    },
  };
}
