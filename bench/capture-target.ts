/**
 * The server under test for bench/capture.ts, run in a child process of its own (see the comment
 * at the top of capture.ts for why). Driven over IPC:
 *
 *   parent → { cmd: 'start', target: 'bare' | 'ours', dataDir }   child → { type: 'ready', url, rss, dbFile }
 *   parent → { cmd: 'load-start' }                                 (child starts sampling RSS)
 *   parent → { cmd: 'settle' }                                     child → { type: 'settled', ... }
 *   parent → { cmd: 'close' }                                      child → { type: 'closed' } and exits
 *
 * Binds 127.0.0.1 only.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createCore, type Core } from '../src/index.js';
import type { ExchangesRepository } from '../src/store/exchanges-repository.js';

export type TargetKind = 'bare' | 'ours';

export type ParentMessage =
  | { cmd: 'start'; target: TargetKind; dataDir: string }
  | { cmd: 'load-start' }
  | { cmd: 'settle'; timeoutMs: number }
  | { cmd: 'close' };

export interface Settled {
  type: 'settled';
  /** ms from the 'settle' message until indexer.lag() first read 0 (null for the bare server or on timeout). */
  catchUpMs: number | null;
  /** Index lag when the load stopped. */
  lagAtStop: number | null;
  /** Rows in the log once everything in flight is committed (null for the bare server). */
  rows: number | null;
  rssPeak: number;
  rssAfter: number;
  heapUsedAfter: number;
  /** After the catch-up: ms from one more capture's request until a param search finds it (null: not within 5 s, or bare). */
  idleFindMs: number | null;
  /** CPU time (user + system, µs) this server process used from 'load-start' to 'settle'. */
  loadCpuUs: number;
  /** The same for the receiver's own thread (the main thread), null where /proc is missing. */
  mainThreadCpuUs: number | null;
  /** Group commits ('committed' events) during the run, and the rows they carried. */
  commits: number | null;
  committedRows: number | null;
}

export type ChildMessage =
  | { type: 'ready'; url: string; rss: number; dbFile: string | null }
  | Settled
  | { type: 'closed' }
  | { type: 'failed'; error: string };

const send = (message: ChildMessage): void => {
  process.send?.(message);
};

let bare: FastifyInstance | null = null;
let core: Core | null = null;
let rssPeak = 0;
let sampler: NodeJS.Timeout | null = null;

function sampleRss(): number {
  const rss = process.memoryUsage.rss();
  if (rss > rssPeak) rssPeak = rss;
  return rss;
}

/** The baseline: Fastify with no storage, reading the body as bytes (like ours does) and answering 200 'OK'. */
async function startBare(): Promise<string> {
  const app = Fastify({ logger: false });
  // No JSON parsing for the baseline: ours stores bytes, it never parses them on the hot path.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.all('*', async (_request, reply) => reply.code(200).header('Content-Type', 'text/plain; charset=utf-8').send('OK'));
  await app.listen({ host: '127.0.0.1', port: 0 });
  bare = app;
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('bare server has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/** Diagnostic (BENCH_NO_STORE=1): commits answer at once without SQLite, to show what the store itself costs. */
const noStore = process.env['BENCH_NO_STORE'] === '1';
let commits = 0;
let cpuAtLoadStart: NodeJS.CpuUsage | null = null;
let mainThreadAtLoadStart: number | null = null;

/**
 * CPU time (µs) of the main thread alone. process.cpuUsage() adds every thread (derivation,
 * sender writer, GC helpers); the main thread's share is what caps the receiver's throughput.
 */
function mainThreadCpuUs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}
let committedRows = 0;

async function startOurs(dataDir: string): Promise<{ url: string; dbFile: string }> {
  const c = await createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });
  core = c;
  // Counts group commits to show how well they batch: the core emits one 'committed' per group
  // commit (nothing else commits here: no sends, no imports), with the rows it carried.
  c.events.on('committed', (rows) => {
    commits++;
    committedRows += rows.length;
  });
  if (noStore) {
    // A diagnostic may reach inside: Core lends only read queries, but the runtime object is the
    // repository the group commit writes through, and this swaps its write for made-up ids.
    const repository = c.exchanges as ExchangesRepository;
    let fakeId = 0;
    repository.insertMany = (records) => records.map(() => ++fakeId);
  }
  return { url: c.receiverUrl, dbFile: c.dbFile };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function settle(timeoutMs: number): Promise<Settled> {
  const started = performance.now();
  const cpu = process.cpuUsage(cpuAtLoadStart ?? undefined);
  const loadCpuUs = cpu.user + cpu.system;
  const mainNow = mainThreadCpuUs();
  const mainThreadCpu = mainNow === null || mainThreadAtLoadStart === null ? null : mainNow - mainThreadAtLoadStart;
  if (sampler) clearInterval(sampler);
  sampler = null;
  let catchUpMs: number | null = null;
  let lagAtStop: number | null = null;
  let rows: number | null = null;
  let idleFindMs: number | null = null;
  if (core) {
    const c = core;
    lagAtStop = c.status().indexLag;
    // Polled on a short timer: progress arrives from the derivation thread as messages.
    while (performance.now() - started < timeoutMs) {
      if (c.status().indexLag === 0) {
        catchUpMs = performance.now() - started;
        break;
      }
      await sleep(2);
    }
    // Requests still in flight when the client hung up commit a turn or two later; let them land.
    let previous = -1;
    for (;;) {
      await sleep(50);
      const now = c.exchanges.count();
      if (now === previous || performance.now() - started > timeoutMs) break;
      previous = now;
    }
    rows = c.exchanges.count();
    if (catchUpMs !== null && c.status().indexLag !== 0) catchUpMs = null; // rows arrived after; not caught up after all
    idleFindMs = await timeToFind(c);
  }
  const memory = process.memoryUsage();
  return { type: 'settled', catchUpMs, lagAtStop, rows, rssPeak: Math.max(rssPeak, memory.rss), rssAfter: memory.rss, heapUsedAfter: memory.heapUsed, loadCpuUs, mainThreadCpuUs: mainThreadCpu, idleFindMs, commits: core ? commits : null, committedRows: core ? committedRows : null };
}

/** The promise for a receiver that is not saturated: one capture, then ms until `param.click_id` finds it. */
async function timeToFind(c: Core): Promise<number | null> {
  const clickId = `idle-find-${Date.now()}`;
  const started = performance.now();
  await fetch(`${c.receiverUrl}/pb?click_id=${clickId}`);
  while (performance.now() - started < 5000) {
    if (c.exchanges.list({ limit: 1, params: [['click_id', clickId]] }).length > 0) return performance.now() - started;
    await sleep(2);
  }
  return null;
}

async function close(): Promise<void> {
  if (sampler) clearInterval(sampler);
  if (bare) await bare.close();
  if (core) await core.close();
  bare = null;
  core = null;
}

process.on('message', (message: ParentMessage) => {
  void (async () => {
    try {
      switch (message.cmd) {
        case 'start': {
          if (message.target === 'bare') {
            const url = await startBare();
            send({ type: 'ready', url, rss: sampleRss(), dbFile: null });
          } else {
            const { url, dbFile } = await startOurs(message.dataDir);
            send({ type: 'ready', url, rss: sampleRss(), dbFile });
          }
          break;
        }
        case 'load-start':
          rssPeak = 0;
          commits = 0;
          committedRows = 0;
          cpuAtLoadStart = process.cpuUsage();
          mainThreadAtLoadStart = mainThreadCpuUs();
          sampleRss();
          sampler = setInterval(sampleRss, 100);
          break;
        case 'settle':
          send(await settle(message.timeoutMs));
          break;
        case 'close':
          await close();
          send({ type: 'closed' });
          process.disconnect?.();
          break;
      }
    } catch (error) {
      send({ type: 'failed', error: (error as Error).stack ?? String(error) });
    }
  })();
});

// If the parent dies, do not linger holding a port and a database.
process.on('disconnect', () => {
  void close().finally(() => process.exit(0));
});
