/**
 * Send benchmark: how close does the sender (templates, expansion, outbox in SQLite, attempts
 * recorded) come to raw `undici.request`, measured in the same run against the same server?
 *
 *   npx tsx bench/send.ts            (or: npm run bench:send)
 *
 * Environment:
 *   BENCH_REQUESTS      postbacks per measured run, default 20000
 *   BENCH_CONCURRENCY   requests in flight, default 50
 *   BENCH_ROUNDS        measured rounds of (raw, ours), default 5; the ratio is the median of the
 *                       per-round ratios (each pair runs back to back, so both see the same load)
 *
 * The target is a bare node:http server in a child process (it answers `200 OK` to anything), so
 * the server's CPU is not counted against either client. Both clients send the same URL shape
 * (a fresh click id per request) through an undici Agent with the same settings. "Ours" is the
 * real product path: sender.bulk expands the template per conversion, delivers through the pooled
 * transport and records every postback (exchange + outbox row + attempt) in SQLite, from the
 * writer thread. Everything binds 127.0.0.1 only; the temporary SQLite folder is removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { CoreEvents } from '../src/events.js';
import { createSender } from '../src/sender/index.js';
import { ExchangesRepository } from '../src/store/exchanges-repository.js';
import { openDatabase } from '../src/store/open-database.js';

const total = positive('BENCH_REQUESTS', 20_000);
const concurrency = positive('BENCH_CONCURRENCY', 50);
const rounds = positive('BENCH_ROUNDS', 5);
const ratioTarget = 0.8;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** The bare server: no framework, no logging, keep-alive, a two-byte body. */
const serverSource = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '2' }); res.end('OK'); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('disconnect', () => process.exit(0));
`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port.trim()}`, child };
}

/** Raw undici.request: N requests, `concurrency` at a time, bodies read. */
async function runRaw(url: string, agent: Agent, count: number): Promise<number> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const res = await request(`${url}/pb?click_id=raw-${i}&event=purchase&payout=1.25`, { dispatcher: agent });
      await res.body.text();
      if (res.statusCode !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failed) throw new Error(`raw: ${failed} requests were not 200`);
  return (count / (performance.now() - started)) * 1000;
}

async function main(): Promise<void> {
  const { url, child } = await startServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'pi-bench-send-'));
  const db = openDatabase(join(dataDir, 'postbacks.sqlite'));
  const exchanges = new ExchangesRepository(db);
  const sender = createSender({ db, exchanges, events: new CoreEvents(), config: { connectionsPerOrigin: 64 } });
  await sender.start();
  const agent = new Agent({ connections: 64 });
  const cleanup = (): void => {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  const template = { name: 'bench', method: 'GET', url: `${url}/pb?click_id={click_id}&event=purchase&payout=1.25`, headers: [], bodyMode: 'none' as const, body: '', dialect: 'curly' as const };
  const runOurs = async (count: number, prefix: string, recordBeforeSend = false) => {
    const run = sender.bulk({ template, count, concurrency, recordBeforeSend, generators: { click_id: { kind: 'sequence', prefix } } });
    const summary = await run.done;
    if (summary.delivered !== count) throw new Error(`ours: only ${summary.delivered} of ${count} delivered`);
    return summary;
  };

  try {
    process.stdout.write(`send benchmark: ${total} postbacks per run, concurrency ${concurrency}, ${rounds} rounds, target ${url}\n`);
    // Warm up both paths (JIT, sockets, SQLite pages) before measuring.
    await runRaw(url, agent, 2000);
    await runOurs(2000, 'warm-');

    const raw: number[] = [];
    const ours: number[] = [];
    const ratios: number[] = [];
    let last = null as Awaited<ReturnType<typeof runOurs>> | null;
    for (let round = 1; round <= rounds; round++) {
      raw.push(await runRaw(url, agent, total));
      const started = performance.now();
      last = await runOurs(total, `r${round}-`);
      ours.push((total / (performance.now() - started)) * 1000);
      ratios.push(ours.at(-1)! / raw.at(-1)!);
      process.stdout.write(`  round ${round}: raw undici.request ${raw.at(-1)!.toFixed(0)} req/s, ours ${ours.at(-1)!.toFixed(0)} req/s, ratio ${ratios.at(-1)!.toFixed(3)}\n`);
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(ratios);
    // The opt-in mode that writes each postback before it leaves: shown for its cost, not judged.
    const journaledStarted = performance.now();
    await runOurs(total, 'journaled-', true);
    const journaled = (total / (performance.now() - journaledStarted)) * 1000;
    const stored = exchanges.count();
    process.stdout.write(
      [
        '',
        `raw undici.request  ${median(raw).toFixed(0)} req/s (median)`,
        `ours (sender.bulk)  ${median(ours).toFixed(0)} req/s (median)`,
        `ratio               ${ratio.toFixed(3)}  (median of per-round ratios; target ≥ ${ratioTarget}: ${ratio >= ratioTarget ? 'met' : 'NOT met'})`,
        `recordBeforeSend    ${journaled.toFixed(0)} req/s, ${(journaled / median(raw)).toFixed(3)} of raw (one run; each postback written before it leaves)`,
        `writer              ${sender.status().writer === 'thread' ? 'writer thread' : 'main connection'}`,
        `last run            delivered ${last!.delivered}/${last!.total}, latency p50 ${last!.latencyMs!.p50} ms, p90 ${last!.latencyMs!.p90} ms, p99 ${last!.latencyMs!.p99} ms`,
        `stored              ${stored} out exchanges with their attempts (every postback recorded)`,
        '',
      ].join('\n'),
    );
    process.exitCode = ratio >= ratioTarget ? 0 : 1;
  } finally {
    await sender.close();
    await agent.close();
    db.close();
    cleanup();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:send failed: ${error.stack ?? error.message}\n`);
  process.exit(2);
});
