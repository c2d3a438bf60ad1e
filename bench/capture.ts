/**
 * Capture benchmark: how much does byte-exact capture with a group commit cost next to a bare
 * Fastify server, and does anything acknowledged go missing?
 *
 *   npx tsx bench/capture.ts            (or: npm run bench:capture)
 *
 * Environment:
 *   BENCH_SECONDS       load duration per run, default 10
 *   BENCH_CONNECTIONS   concurrent connections, default 50
 *   BENCH_ROUNDS        comma list of get,post (default both)
 *   BENCH_REQUESTS      requests per run (default 80000: the issue's catch-up target is for 80k); 0 = run for BENCH_SECONDS
 *   BENCH_CPU_PROF      a directory: each server runs with --cpu-prof and writes its profiles to <dir>/<target>-<round>/
 *   BENCH_NO_STORE      1: a diagnostic: our receiver's commits answer at once without SQLite (rows, lost and
 *                       catch-up then mean nothing); the ratio it gets is the ceiling the rest of the path allows
 *
 * Process layout, and why. This machine has two cores and autocannon needs most of one to keep
 * 50 connections busy. If the client shared an event loop with the server under test, every
 * millisecond autocannon spends parsing responses would be counted against the server (and the
 * other way round), and SQLite's synchronous commit would stall the client too. So each server runs
 * in a child process of its own (bench/capture-target.ts), a fresh one per (target, round):
 *   - the client (this process) and the server get a core each and separate event loops;
 *   - the RSS we report is the server's alone, not the client's histograms and id sets;
 *   - the bare run's heap, JIT state and sockets cannot leak into ours' numbers, nor the reverse;
 *   - both targets face the very same client code, options and process.
 * Everything binds and targets 127.0.0.1 only; the run is bounded by a watchdog; the temp dir is
 * removed at the end (also on Ctrl-C).
 */
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, Settled, TargetKind } from './capture-target.js';

const seconds = positiveNumber('BENCH_SECONDS', 10);
const connections = positiveNumber('BENCH_CONNECTIONS', 50);
const requestsPerRun = process.env['BENCH_REQUESTS'] === '0' ? 0 : positiveNumber('BENCH_REQUESTS', 80_000);
const rounds = (process.env['BENCH_ROUNDS'] ?? 'get,post').split(',').map((r) => r.trim()) as Round[];
const cpuProfDir = process.env['BENCH_CPU_PROF'] ?? null;
const catchUpTimeoutMs = 60_000;
const catchUpTargetMs = 5_000;
const idleFindTargetMs = 1_000;
const ratioTarget = 0.85;
const p99TargetMs = 15;
const MB = 1024 * 1024;

type Round = 'get' | 'post';

interface RunResult {
  target: TargetKind;
  round: Round;
  reqPerSec: number;
  p50: number;
  p99: number;
  responses: number;
  acked: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rows: number | null;
  /** acked − rows: the brief's formula. Negative = rows for requests still in flight when the client hung up. */
  lostByCount: number | null;
  /** Acknowledged click ids with no row carrying them: the exact check behind the count. */
  missingById: number | null;
  rssStart: number;
  rssPeak: number;
  rssAfter: number;
  lagAtStop: number | null;
  catchUpMs: number | null;
  /** After the catch-up, one more capture: ms until a param search finds it. */
  idleFindMs: number | null;
  /** Share of one core the server / the client used during the load (1 = a full core). */
  serverCpu: number;
  clientCpu: number;
  /** Server CPU time per response, µs: less sensitive to other processes on the machine than req/s. */
  serverUsPerReq: number;
  /** The main thread's share of it (null without /proc). */
  mainUsPerReq: number | null;
  /** Mean rows per group commit during the run. */
  rowsPerCommit: number | null;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Child process plumbing

class TargetProcess {
  private readonly child: ChildProcess;
  private readonly inbox: ChildMessage[] = [];
  private waiting: ((message: ChildMessage) => void) | null = null;
  private exited = false;

  constructor(name: string) {
    const execArgv = ['--import', 'tsx'];
    if (cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(cpuProfDir, name)}`); // one folder per run: the tsx loader thread writes a profile too
    this.child = fork(fileURLToPath(new URL('./capture-target.ts', import.meta.url)), [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.add(this.child);
    this.child.on('message', (message: ChildMessage) => {
      if (this.waiting) {
        const deliver = this.waiting;
        this.waiting = null;
        deliver(message);
      } else this.inbox.push(message);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      children.delete(this.child);
      if (this.waiting) this.waiting({ type: 'failed', error: `server process exited (code ${code}, signal ${signal})` });
    });
  }

  send(message: ParentMessage): void {
    this.child.send(message);
  }

  async next<T extends ChildMessage['type']>(type: T, timeoutMs = 30_000): Promise<Extract<ChildMessage, { type: T }>> {
    const message =
      this.inbox.shift() ??
      (await new Promise<ChildMessage>((resolve, reject) => {
        if (this.exited) return reject(new Error('server process already exited'));
        const timer = setTimeout(() => {
          this.waiting = null;
          reject(new Error(`server process did not answer "${type}" within ${timeoutMs} ms`));
        }, timeoutMs);
        this.waiting = (m) => {
          clearTimeout(timer);
          resolve(m);
        };
      }));
    if (message.type === 'failed') throw new Error(`server process failed: ${message.error}`);
    if (message.type !== type) throw new Error(`expected "${type}" from the server process, got "${message.type}"`);
    return message as Extract<ChildMessage, { type: T }>;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ cmd: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const children = new Set<ChildProcess>();
const tempRoot = mkdtempSync(join(tmpdir(), 'pbi-bench-'));

function cleanUp(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  rmSync(tempRoot, { recursive: true, force: true });
}

process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
process.on('SIGTERM', () => {
  cleanUp();
  process.exit(143);
});

// Whatever happens, the benchmark ends: four runs of `seconds` plus generous set-up and catch-up time.
const watchdog = setTimeout(
  () => {
    console.error('bench: watchdog fired, giving up');
    cleanUp();
    process.exit(2);
  },
  (rounds.length * 2 * (seconds + 90) + 60) * 1000,
);
watchdog.unref();

// ---------------------------------------------------------------------------------------------
// Load

/** Every request carries a distinct id so each acknowledgement can be matched to its row. */
let nextId = 0;
const idWidth = 10;
const padId = (n: number): string => String(n).padStart(idWidth, '0');

/** A realistic 1 KB JSON postback, exactly 1024 bytes whatever the id (fixed width). */
const idSlot = '#'.repeat(idWidth);
const jsonTemplate = ((): string => {
  const head = { click_id: idSlot, event: 'purchase', payout: 12.5, currency: 'USD', transaction_id: `tx-${idSlot}`, sub1: 'campaign_42', ts: 1_700_000_000 };
  const skeleton = JSON.stringify({ ...head, padding: '' });
  const body = JSON.stringify({ ...head, padding: 'x'.repeat(1024 - Buffer.byteLength(skeleton)) });
  if (Buffer.byteLength(body) !== 1024) throw new Error('json body is not 1 KB');
  return body;
})();
// Filled per request by a plain replace: the client should spend its CPU on HTTP, not on JSON.stringify.
const jsonBody = (id: string): string => jsonTemplate.replaceAll(idSlot, id);

interface LoadOutcome {
  result: autocannon.Result;
  ackedIds: Set<string>;
  /** ms from the first request built to the last response seen, on the client's own clock. */
  activeMs: number;
}

async function load(url: string, round: Round): Promise<LoadOutcome> {
  const ackedIds = new Set<string>();
  // autocannon ends a fixed-count run on its one-second ticker, so its start/finish quantise the
  // run to whole seconds (60,000 requests read as exactly 20k, 15k or 30k req/s). The rate is
  // measured here instead, from the first request built to the last response.
  let firstRequestAt: number | null = null;
  let lastResponseAt = 0;
  const request: autocannon.Request = {
    method: round === 'get' ? 'GET' : 'POST',
    // autocannon calls this before every request on a connection (it rebuilds dynamic requests each time).
    setupRequest: (req, context) => {
      firstRequestAt ??= performance.now();
      const id = padId(nextId++);
      (context as { id?: string }).id = id;
      if (round === 'get') {
        return { ...req, method: 'GET', path: `/postback?click_id=${id}&event=install&payout=1.25&currency=USD&sub1=campaign_42` };
      }
      return {
        ...req,
        method: 'POST',
        path: `/postback/json?click_id=${id}`,
        headers: { 'content-type': 'application/json' },
        body: jsonBody(id),
      };
    },
    // With pipelining 1 the context still holds the id of the request this response answers
    // (autocannon reports the response before it builds the next request).
    onResponse: (status, _body, context) => {
      lastResponseAt = performance.now();
      if (status >= 200 && status < 300) {
        const id = (context as { id?: string }).id;
        if (id !== undefined) ackedIds.add(id);
      }
    },
  };
  const result = await autocannon({
    url,
    connections,
    pipelining: 1,
    ...(requestsPerRun > 0 ? { amount: requestsPerRun } : { duration: seconds }),
    timeout: 10,
    // The run ends on this sampling tick: a short one hands the server its 'settle' right after the
    // last response, so lag@stop and the catch-up time start when the load really stopped.
    sampleInt: 20,
    requests: [request],
  });
  return { result, ackedIds, activeMs: firstRequestAt === null ? 0 : lastResponseAt - firstRequestAt };
}

/** Reads the ids back from the log the server wrote (WAL: a second reader is fine while it runs). */
function idsInLog(dbFile: string): { ids: Set<string>; duplicates: number } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const ids = new Set<string>();
    let duplicates = 0;
    for (const target of db.prepare(`SELECT target FROM exchanges`).pluck().iterate() as IterableIterator<string>) {
      const id = /[?&]click_id=(\d+)/.exec(target)?.[1];
      if (id === undefined) continue;
      if (ids.has(id)) duplicates++;
      ids.add(id);
    }
    return { ids, duplicates };
  } finally {
    db.close();
  }
}

async function run(target: TargetKind, round: Round): Promise<RunResult> {
  const server = new TargetProcess(`${target}-${round}`);
  try {
    const dataDir = join(tempRoot, `${target}-${round}`);
    server.send({ cmd: 'start', target, dataDir });
    const ready = await server.next('ready');
    server.send({ cmd: 'load-start' });
    const clientCpuBefore = process.cpuUsage();
    const { result, ackedIds, activeMs } = await load(ready.url, round);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    server.send({ cmd: 'settle', timeoutMs: catchUpTimeoutMs });
    const settled: Settled = await server.next('settled', catchUpTimeoutMs + 10_000);
    const acked = result['2xx'];
    if (ackedIds.size !== acked) console.warn(`bench: ${target}/${round}: ${ackedIds.size} distinct acknowledged ids but ${acked} 2xx responses`);
    let missingById: number | null = null;
    if (ready.dbFile) {
      const log = idsInLog(ready.dbFile);
      missingById = 0;
      for (const id of ackedIds) if (!log.ids.has(id)) missingById++;
      if (log.duplicates > 0) console.warn(`bench: ${target}/${round}: ${log.duplicates} ids stored twice`);
    }
    return {
      target,
      round,
      reqPerSec: (result.requests.total * 1000) / activeMs,
      p50: result.latency.p50,
      p99: result.latency.p99,
      responses: result.requests.total,
      acked,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      rows: settled.rows,
      lostByCount: settled.rows === null ? null : acked - settled.rows,
      missingById,
      rssStart: ready.rss,
      rssPeak: settled.rssPeak,
      rssAfter: settled.rssAfter,
      lagAtStop: settled.lagAtStop,
      catchUpMs: settled.catchUpMs,
      idleFindMs: settled.idleFindMs,
      serverCpu: settled.loadCpuUs / (activeMs * 1e3),
      clientCpu: (clientCpu.user + clientCpu.system) / (activeMs * 1e3),
      serverUsPerReq: settled.loadCpuUs / Math.max(1, result.requests.total),
      mainUsPerReq: settled.mainThreadCpuUs === null ? null : settled.mainThreadCpuUs / Math.max(1, result.requests.total),
      rowsPerCommit: settled.commits ? (settled.committedRows ?? 0) / settled.commits : null,
    };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;
const fixed = (n: number | null, digits = 0): string => (n === null ? '-' : n.toFixed(digits));
const memoryLimit = (r: RunResult): number => 1.5 * r.rssStart + 50 * MB;

function table(results: RunResult[]): string {
  const header = ['run', 'req/s', 'ratio', 'p50 ms', 'p99 ms', 'srv CPU', 'cli CPU', 'srv µs/req', 'main µs/req', '2xx', 'non-2xx', 'errors', 'rows', 'lost', 'missing', 'RSS start', 'RSS peak', 'RSS after', 'limit', 'rows/commit', 'lag@stop', 'catch-up', 'find idle'];
  const lines = results.map((r) => {
    const bare = results.find((b) => b.target === 'bare' && b.round === r.round);
    const ratio = r.target === 'ours' && bare ? (r.reqPerSec / bare.reqPerSec).toFixed(3) : '-';
    return [
      `${r.target} ${r.round.toUpperCase()}`,
      fixed(r.reqPerSec),
      ratio,
      fixed(r.p50),
      fixed(r.p99),
      `${(r.serverCpu * 100).toFixed(0)}%`,
      `${(r.clientCpu * 100).toFixed(0)}%`,
      fixed(r.serverUsPerReq),
      fixed(r.mainUsPerReq),
      String(r.acked),
      String(r.non2xx),
      String(r.errors),
      r.rows === null ? '-' : String(r.rows),
      r.lostByCount === null ? '-' : String(r.lostByCount),
      r.missingById === null ? '-' : String(r.missingById),
      mb(r.rssStart),
      mb(r.rssPeak),
      mb(r.rssAfter),
      r.target === 'ours' ? mb(memoryLimit(r)) : '-',
      fixed(r.rowsPerCommit, 1),
      r.lagAtStop === null ? '-' : String(r.lagAtStop),
      r.target === 'ours' ? (r.catchUpMs === null ? 'TIMEOUT' : `${r.catchUpMs.toFixed(0)} ms`) : '-',
      r.target === 'ours' ? (r.idleFindMs === null ? 'TIMEOUT' : `${r.idleFindMs.toFixed(0)} ms`) : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [row(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}

function verdict(r: RunResult, bare: RunResult | undefined): { ok: boolean; line: string } {
  const checks: Array<[string, boolean]> = [];
  const ratio = bare ? r.reqPerSec / bare.reqPerSec : NaN;
  // The target holds for both GET postbacks and 1 KB JSON POSTs.
  checks.push([`ratio ${ratio.toFixed(3)} >= ${ratioTarget}`, ratio >= ratioTarget]);
  checks.push([`p99 ${r.p99} ms <= ${p99TargetMs} ms`, r.p99 <= p99TargetMs]);
  checks.push([`lost ${r.lostByCount} <= 0 and missing-by-id ${r.missingById} = 0`, (r.lostByCount ?? 1) <= 0 && r.missingById === 0]);
  checks.push([`non-2xx ${r.non2xx} = 0`, r.non2xx === 0]);
  checks.push([`RSS after ${mb(r.rssAfter)} <= ${mb(memoryLimit(r))}`, r.rssAfter <= memoryLimit(r)]);
  checks.push([`index caught up in ${r.catchUpMs === null ? 'TIMEOUT' : `${r.catchUpMs.toFixed(0)} ms`} < ${catchUpTargetMs} ms`, r.catchUpMs !== null && r.catchUpMs < catchUpTargetMs]);
  checks.push([`findable by param ${r.idleFindMs === null ? 'TIMEOUT' : `${r.idleFindMs.toFixed(0)} ms`} after one idle capture <= ${idleFindTargetMs} ms`, r.idleFindMs !== null && r.idleFindMs <= idleFindTargetMs]);
  const ok = checks.every(([, pass]) => pass);
  let detail = checks.map(([text, pass]) => `${pass ? 'ok' : 'FAIL'}: ${text}`).join('; ');
  if (bare && bare.serverCpu + bare.clientCpu < 0.8 * cpus().length) {
    detail += `; note: bare server + client used only ${((bare.serverCpu + bare.clientCpu) * 100).toFixed(0)}% of ${cpus().length} cores: other processes took the rest, so req/s and the ratio are noisy (compare srv µs/req instead)`;
  } else if (bare && bare.serverCpu < 0.9) {
    detail += `; note: the bare server used only ${(bare.serverCpu * 100).toFixed(0)}% of a core, so its req/s is the load generator's ceiling, not Fastify's`;
  }
  return { ok, line: `VERDICT ours ${r.round.toUpperCase()}: ${ok ? 'PASS' : 'FAIL'} (${detail})` };
}

/** Numbers taken while other processes compete for the two cores are not worth much: say so. */
function warnIfBusy(when: string): void {
  const [oneMinute] = loadavg();
  if (oneMinute !== undefined && oneMinute > 1.5) {
    console.warn(`bench: load average ${oneMinute.toFixed(2)} ${when} the runs: other processes compete for the CPU, treat the numbers with care`);
  }
}

async function main(): Promise<void> {
  console.log(`capture bench: ${connections} connections, ${requestsPerRun > 0 ? `${requestsPerRun} requests` : `${seconds} s`} per run, rounds ${rounds.join('+')}, 127.0.0.1, node ${process.version}, ${cpus().length} CPUs`);
  warnIfBusy('before');
  const results: RunResult[] = [];
  for (const round of rounds) {
    if (round !== 'get' && round !== 'post') throw new Error(`unknown round "${round}"`);
    for (const target of ['bare', 'ours'] as const) {
      console.log(`… ${target} ${round.toUpperCase()}`);
      results.push(await run(target, round));
    }
  }
  console.log('\n' + table(results));
  console.log(
    '\nlost = 2xx counted by the client − rows in the log (negative: rows for requests still in flight when the client stopped);' +
      '\nmissing = acknowledged click_ids with no row (the exact check). RSS limit = 1.5 × start + 50 MB. catch-up = load stop → indexer.lag() = 0.' +
      '\nmain µs/req = the receiver’s own thread (what caps its throughput); srv µs/req adds the derivation and other threads.' +
      '\nsrv/cli CPU = share of one core used by the server / the load generator during the run (a bare server well under 100% means the client is the ceiling).\n',
  );
  let allOk = true;
  for (const r of results.filter((x) => x.target === 'ours')) {
    const { ok, line } = verdict(r, results.find((b) => b.target === 'bare' && b.round === r.round));
    allOk &&= ok;
    console.log(line);
  }
  if (!allOk) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 2;
} finally {
  cleanUp();
  clearTimeout(watchdog);
}
