/**
 * Metrics benchmark: seeds 1 000 000 exchanges (bench/metrics-seed.ts), lets the metrics worker
 * count them (the catch-up a restart on such a data folder does), then times GET /api/metrics's
 * query for typical windows and filters, the failures page and a live update.
 *
 *   npx tsx bench/metrics.ts            (or: npm run bench:metrics)
 *
 * Environment:
 *   BENCH_EXCHANGES   default 1000000
 *   BENCH_DAYS        spread over this many days up to now, default 7
 *   BENCH_RUNS        timed runs per query (the median and max are printed), default 7
 *   BENCH_KEEP        keep the temp data folder and print its path
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMetrics } from '../src/metrics/index.js';
import type { MetricsFilter } from '../src/model/metrics.js';
import { openDatabase, type Db } from '../src/store/open-database.js';

const exchanges = Number(process.env['BENCH_EXCHANGES'] ?? 1_000_000);
const days = Number(process.env['BENCH_DAYS'] ?? 7);
const runs = Number(process.env['BENCH_RUNS'] ?? 7);
const budgetMs = 200;

const dir = mkdtempSync(join(tmpdir(), 'pi-bench-metrics-'));
const file = join(dir, 'postbacks.sqlite');
const db = openDatabase(file);
const now = Date.now();

let t = performance.now();
seed(db, { exchanges, days, now });
const seedMs = performance.now() - t;
console.log(`seeded ${exchanges.toLocaleString('en-US')} exchanges over ${days} days in ${(seedMs / 1000).toFixed(1)} s`);

const metrics = createMetrics({ db, batchSize: 5000 });
t = performance.now();
metrics.drain();
const catchUpMs = performance.now() - t;
const facts = db.prepare('SELECT count(*) FROM metrics_facts').pluck().get() as number;
console.log(`metrics catch-up: ${facts.toLocaleString('en-US')} facts in ${(catchUpMs / 1000).toFixed(1)} s (${Math.round(facts / (catchUpMs / 1000)).toLocaleString('en-US')}/s)`);
console.log(`rollup rows: minute ${count('metrics_minute')}, hour ${count('metrics_hour')}, histogram ${count('metrics_hist')}; database ${(statSync(file).size / 1024 / 1024).toFixed(0)} MiB`);

const base: MetricsFilter = { from: now - days * 86_400_000 - 60_000, to: now + 60_000, direction: null, endpointId: null, profileId: null, templateId: null };
const cases: Array<[string, MetricsFilter]> = [
  ['all (7 d), both sides', base],
  ['last 24 h', { ...base, from: now - 86_400_000 }],
  ['last 1 h', { ...base, from: now - 3_600_000 }],
  ['last 15 min', { ...base, from: now - 900_000 }],
  ['odd window (not on minute edges)', { ...base, from: now - 2 * 86_400_000 - 12_345, to: now - 3_456 }],
  ['all, direction=in, endpoint=2', { ...base, direction: 'in', endpointId: 2 }],
  ['all, direction=out, template=1', { ...base, direction: 'out', templateId: 1 }],
];

let worst = 0;
console.log(`\nquery times over ${runs} runs (median / max), budget ${budgetMs} ms:`);
for (const [name, filter] of cases) {
  const times: number[] = [];
  let result = metrics.query(filter);
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    result = metrics.query(filter);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const max = times[times.length - 1]!;
  worst = Math.max(worst, max);
  const s = result.sender;
  const r = result.receiver;
  console.log(
    `  ${name.padEnd(34)} ${median.toFixed(1).padStart(7)} / ${max.toFixed(1).padStart(7)} ms   ` +
      `sent ${s.totals.n} delivered ${pct(s.deliveryRate)} p50 ${fmt(s.responseTime?.p50)} p99 ${fmt(s.responseTime?.p99)}${s.responseTime?.exact ? ' exact' : ''}; ` +
      `captured ${r.totals.n} arrived ${pct(r.deliveryRate)} accuracy ${pct(r.accuracyRate)}; ${result.series.length} points`,
  );
}

t = performance.now();
const page = metrics.failures({ ...base, kinds: null, beforeId: null, limit: 100 });
console.log(`\nfailures page (100 rows): ${(performance.now() - t).toFixed(1)} ms (${page.items.length} rows)`);

// A live update: one more capture of a known key, counted by the worker (what happens after each commit).
const nextId = (db.prepare('SELECT max(id) FROM exchanges').pluck().get() as number) + 1;
db.prepare(`INSERT INTO exchanges (id, direction, method, target, path, http_version, raw_headers, body, body_size, remote_address, remote_port, received_at, duration_ms, response_status)
  VALUES (?, 'in', 'GET', '/pb?click_id=k1', '/pb', '1.1', '[]', x'', 0, '127.0.0.1', 1, ?, 1, 200)`).run(nextId, now);
db.prepare(`INSERT INTO exchange_params (exchange_id, name, value) VALUES (?, 'click_id', 'k1')`).run(nextId);
db.prepare(`UPDATE meta SET value = ? WHERE key = 'indexed_through'`).run(String(nextId));
t = performance.now();
metrics.drain();
console.log(`one live capture counted in ${(performance.now() - t).toFixed(2)} ms`);

console.log(`\nworst query ${worst.toFixed(1)} ms: ${worst < budgetMs ? 'within' : 'OVER'} the ${budgetMs} ms budget`);
metrics.close();
db.close();
if (process.env['BENCH_KEEP']) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exitCode = worst < budgetMs ? 0 : 1;

function count(table: string): string {
  return (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number).toLocaleString('en-US');
}
function pct(v: number | null): string {
  return v === null ? '–' : `${(v * 100).toFixed(1)}%`;
}
function fmt(ms: number | undefined): string {
  return ms === undefined ? '–' : ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

// ---------------------------------------------------------------- seeding
/*
 * The data a long-running inspector collects: half postbacks we sent (outbox rows, attempts with
 * retries and failures), half captures (most of them our own sends arriving, some repeats, some
 * strangers, verdicts, leftover macros), spread over `days`. Plain SQL in big transactions: the
 * point is the metrics, not the capture path (bench/capture.ts measures that).
 */
interface SeedOptions {
  exchanges: number;
  days: number;
  now: number;
}

/** A small, fast, reproducible generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seed(db: Db, o: SeedOptions): void {
  const rnd = random(42);
  const span = o.days * 86_400_000;
  const start = o.now - span;
  db.exec(`INSERT INTO templates (id, name, spec, created_at, updated_at) VALUES (1, 'Keitaro', '{}', 0, 0), (2, 'Voluum', '{}', 0, 0), (3, 'Tune', '{}', 0, 0);
    INSERT INTO endpoints (id, position, definition, created_at, updated_at) VALUES
      (1, 1, '{"name":"keitaro","correlationKeys":[]}', 0, 0), (2, 2, '{"name":"voluum","correlationKeys":[]}', 0, 0), (3, 3, '{"name":"tune","correlationKeys":[]}', 0, 0);`);
  const insEx = db.prepare(`INSERT INTO exchanges (id, direction, method, target, path, http_version, raw_headers, body, body_size, remote_address, remote_port,
      received_at, duration_ms, response_status, endpoint_id, template_id, correlation) VALUES (?, ?, 'GET', ?, '/pb', '1.1', '[]', x'', 0, '127.0.0.1', 1, ?, 1, ?, ?, ?, ?)`);
  const insParam = db.prepare(`INSERT INTO exchange_params (exchange_id, name, value) VALUES (?, ?, ?)`);
  const insOutbox = db.prepare(`INSERT INTO outbox (id, exchange_id, template_id, method, url, transport, state, attempts, created_at, updated_at, delivered_at,
      last_status, idempotency_key, correlation, settings) VALUES (?, ?, ?, 'GET', 'http://p/pb', 'pooled', ?, ?, ?, ?, ?, ?, ?, ?, '{}')`);
  const insAttempt = db.prepare(`INSERT INTO attempts (outbox_id, number, started_at, duration_ms, status, error_code, outcome, verdict) VALUES (?, ?, ?, 5, ?, ?, ?, '')`);
  const insVerdict = db.prepare(`INSERT INTO verdicts (exchange_id, status, signature, failures, warnings, profile_id, detail, computed_at) VALUES (?, ?, 'none', 0, 0, NULL, '{}', 0)`);

  let id = 0;
  let outboxId = 0;
  const pendingCaptures: Array<{ at: number; key: string; event: string; payout: string; tsSec: number }> = [];
  const batch = db.transaction((count: number) => {
    for (let i = 0; i < count && id < o.exchanges; i++) {
      const at = start + Math.floor(((id + 1) / o.exchanges) * span);
      // Half captures: queued arrivals of our sends, else a stranger or a repeat.
      if (pendingCaptures.length && (id % 2 === 1 || pendingCaptures[0]!.at <= at)) {
        const c = pendingCaptures.shift()!;
        capture(Math.max(at, c.at), c.key, c.event, c.payout, c.tsSec);
        continue;
      }
      if (id % 2 === 1) {
        capture(at, rnd() < 0.5 ? `stranger-${id}` : `k${Math.floor(rnd() * (id / 2))}`, 'install', '1.00', Math.floor(at / 1000) - 30);
        continue;
      }
      send(at);
    }
  });

  function send(at: number): void {
    const key = `k${id >> 1}`;
    const event = rnd() < 0.8 ? 'install' : 'purchase';
    const payout = event === 'install' ? '1.50' : (1 + Math.floor(rnd() * 5000) / 100).toFixed(2);
    const r = rnd();
    const tries = r < 0.93 ? 1 : r < 0.98 ? 2 + Math.floor(rnd() * 2) : 3;
    const state = r < 0.98 ? 'delivered' : r < 0.995 ? 'failed' : 'pending';
    const latency = Math.round(200 * Math.exp(rnd() * 7)) + (tries - 1) * 60_000;
    const exId = ++id;
    insEx.run(exId, 'out', `/pb?click_id=${key}&event=${event}&payout=${payout}&currency=USD`, at, state === 'delivered' ? 200 : 500, null, 1 + (exId % 3), key);
    for (const [n, v] of [['click_id', key], ['event', event], ['payout', payout], ['currency', 'USD']] as const) insParam.run(exId, n, v);
    insOutbox.run(++outboxId, exId, 1 + (exId % 3), state, tries, at, at + latency, state === 'delivered' ? at + latency : null, state === 'delivered' ? 200 : 500, key, key);
    for (let n = 1; n <= tries; n++) {
      const last = n === tries;
      const ok = last && state === 'delivered';
      const status = ok ? 200 : rnd() < 0.2 ? null : rnd() < 0.7 ? 503 : 404;
      insAttempt.run(outboxId, n, at, status, status === null ? (rnd() < 0.5 ? 'UND_ERR_HEADERS_TIMEOUT' : 'ECONNREFUSED') : null, ok ? 'delivered' : last && state === 'failed' ? 'failed' : 'retry');
    }
    if (state === 'delivered' && rnd() < 0.97) pendingCaptures.push({ at: at + latency, key, event, payout, tsSec: Math.floor(at / 1000) });
    if (pendingCaptures.length > 1000) pendingCaptures.shift();
  }

  function capture(at: number, key: string, event: string, payout: string, tsSec: number): void {
    const exId = ++id;
    const macro = rnd() < 0.01;
    const status = rnd() < 0.03 ? 500 : 200;
    insEx.run(exId, 'in', `/pb?click_id=${key}&event=${event}&payout=${macro ? '{payout}' : payout}&currency=USD&ts=${tsSec}`, at, status, 1 + (exId % 3), null, `click_id=${key}&event=${event}`);
    for (const [n, v] of [['click_id', key], ['event', event], ['payout', macro ? '{payout}' : payout], ['currency', 'USD'], ['ts', String(tsSec)]] as const) insParam.run(exId, n, v);
    const v = rnd();
    insVerdict.run(exId, v < 0.92 ? 'pass' : v < 0.98 ? 'fail' : 'none');
  }

  while (id < o.exchanges) batch(50_000);
  db.prepare(`UPDATE meta SET value = ? WHERE key IN ('indexed_through', 'verdicts_through')`).run(String(id));
}
