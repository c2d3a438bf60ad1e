/**
 * Derivation benchmark: what the post-commit pipeline costs per captured row, stage by stage, on
 * one thread with nothing else running. bench:capture shows the end-to-end catch-up; this shows
 * where it goes, so a change to one stage can be judged alone.
 *
 *   npx tsx bench/derive.ts            (or: npm run bench:derive)
 *
 * Environment:
 *   BENCH_ROWS    rows per round, default 20000
 *   BENCH_ROUNDS  comma list of get,post (default both): the same GET postback and 1 KB JSON POST as bench:capture
 *
 * Each round commits its rows with the receiver's own insert (ExchangesRepository.insertMany), then
 * runs the index stage alone until caught up, then the remaining stages (verdicts, baselines,
 * metrics, announce). Times are CPU µs per row of the process (all threads), and for the index
 * also wall-clock µs per row: with the preparer thread (as the app runs it, index-row decoding in
 * parallel with the writes) wall time is what a backlog waits.
 *
 *   BENCH_PREPARE  inline | parallel | both (default both)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Derivation } from '../src/pipeline/derivation.js';
import { threadEntry } from '../src/pipeline/thread-entry.js';
import { SecretCipher } from '../src/profiles/secret-cipher.js';
import type { ExchangeRecord } from '../src/store/exchange-record.js';
import { ExchangesRepository } from '../src/store/exchanges-repository.js';
import { openDatabase } from '../src/store/open-database.js';

type Round = 'get' | 'post';
type Prepare = 'inline' | 'parallel';
const prepares: Prepare[] = (process.env['BENCH_PREPARE'] ?? 'both') === 'both' ? ['inline', 'parallel'] : [process.env['BENCH_PREPARE'] as Prepare];
const rows = Number(process.env['BENCH_ROWS'] ?? 20_000);
const rounds = (process.env['BENCH_ROUNDS'] ?? 'get,post').split(',').map((r) => r.trim()) as Round[];
const commitBatch = 25;
const maxDecodedBytes = 8 * 1024 * 1024;

/** bench:capture's 1 KB JSON postback: the padding makes it exactly 1024 bytes whatever the id. */
function jsonBody(id: string): string {
  const head = { click_id: id, event: 'purchase', payout: 12.5, currency: 'USD', transaction_id: `tx-${id}`, sub1: 'campaign_42', ts: 1_700_000_000 };
  const skeleton = JSON.stringify({ ...head, padding: '' });
  return JSON.stringify({ ...head, padding: 'x'.repeat(1024 - Buffer.byteLength(skeleton)) });
}
function record(round: Round, n: number): ExchangeRecord {
  const id = String(n).padStart(10, '0');
  const get = round === 'get';
  const target = get ? `/postback?click_id=${id}&event=install&payout=1.25&currency=USD&sub1=campaign_42` : `/postback/json?click_id=${id}`;
  const body = get ? Buffer.alloc(0) : Buffer.from(jsonBody(id));
  return {
    direction: 'in',
    method: get ? 'GET' : 'POST',
    target,
    path: target.slice(0, target.indexOf('?')),
    httpVersion: '1.1',
    rawHeaders: get ? [['host', '127.0.0.1:4000'], ['connection', 'keep-alive']] : [['host', '127.0.0.1:4000'], ['connection', 'keep-alive'], ['content-type', 'application/json'], ['content-length', String(body.length)]],
    contentType: get ? null : 'application/json',
    body,
    bodySize: body.length,
    remoteAddress: '127.0.0.1',
    remotePort: 50_000,
    receivedAt: Date.now(),
    durationMs: 0.1,
    rejected: null,
    response: { status: 200, rawHeaders: [['Content-Type', 'text/plain; charset=utf-8']], body: Buffer.from('OK') },
    answeredBy: 'default (200)',
    endpointId: null,
    correlation: null,
  };
}

const cpuUs = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

async function runRound(round: Round, prepare: Prepare): Promise<{ indexUs: number; indexWallUs: number; restUs: number; insertUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pbi-derive-bench-'));
  try {
    const db = openDatabase(join(dir, 'log.sqlite'));
    db.pragma('wal_autocheckpoint = 0');
    const exchanges = new ExchangesRepository(db);
    let cpu = cpuUs();
    for (let n = 0; n < rows; n += commitBatch) {
      const batch: ExchangeRecord[] = [];
      for (let i = n; i < Math.min(rows, n + commitBatch); i++) batch.push(record(round, i));
      exchanges.insertMany(batch);
    }
    const insertUs = (cpuUs() - cpu) / rows;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const parallelPrepare = prepare === 'parallel' ? { entry: (await threadEntry('prepare-thread')).href, dbFile: join(dir, 'log.sqlite') } : undefined;
    const derivation = new Derivation(db, { maxDecodedBytes, emit: () => undefined, cipher: new SecretCipher(randomBytes(32), 'bench'), ...(parallelPrepare ? { parallelPrepare } : {}) });
    // The preparer thread opens its database before it answers: not part of the rate.
    if (parallelPrepare) await new Promise((resolve) => setTimeout(resolve, 500));
    cpu = cpuUs();
    const wall = performance.now();
    while (derivation.indexer.runBatch()) {
      /* index only */
    }
    const indexWallUs = ((performance.now() - wall) * 1000) / rows;
    const indexUs = (cpuUs() - cpu) / rows;
    cpu = cpuUs();
    while (derivation.step()) {
      /* the other stages */
    }
    const restUs = (cpuUs() - cpu) / rows;
    derivation.close();
    db.close();
    return { indexUs, indexWallUs, restUs, insertUs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`derive bench: ${rows} rows per round, node ${process.version}`);
console.log('round  prepare   insert µs/row  index CPU µs/row  index wall µs/row  other stages µs/row  80k catch-up at this rate');
for (const round of rounds) {
  for (const prepare of prepares) {
    const r = await runRound(round, prepare);
    console.log(
      `${round.padEnd(5)}  ${prepare.padEnd(8)}  ${r.insertUs.toFixed(1).padStart(13)}  ${r.indexUs.toFixed(1).padStart(16)}  ${r.indexWallUs.toFixed(1).padStart(17)}  ${r.restUs.toFixed(1).padStart(19)}  ${((r.indexWallUs * 80_000) / 1e6).toFixed(1).padStart(10)} s`,
    );
  }
}
