/**
 * kill -9 of a real `serve` process in the middle of a load (issue #11, "Tests"): every capture the
 * receiver acknowledged with a 2xx is in the file (lost = 0), the file passes
 * `PRAGMA integrity_check` exactly as the crash left it, and a new `serve` on the same folder
 * catches its search index up (indexLag reaches 0; a param search finds acknowledged ids).
 *
 * Needs the built app (`npm run build:core`): startServe spawns bin/postback-inspector.js.
 * The load runs on 127.0.0.1 only and is bounded in count (MAX_REQUESTS) and time (LOAD_MS).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreStatus, ExchangePage } from '../../src/index.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const CLIENTS = 30;
/** Hard caps on the load: whichever comes first. */
const MAX_REQUESTS = 60_000;
const LOAD_MS = 2_000;
/** The kill lands this long into the load, while every client has a request in flight. */
const KILL_AFTER_MS = 1_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LoadResult {
  acknowledged: Set<string>;
  sent: number;
  failed: number;
  inFlightAtKill: number;
}

/**
 * CLIENTS keep-alive clients, each sending GETs with its own click_ids one after another; a click_id
 * counts as acknowledged only once its 2xx status line has arrived. `kill` runs at `killAt`.
 */
async function fireLoad(receiverUrl: string, killAt: number, kill: () => void): Promise<LoadResult> {
  const { hostname, port } = new URL(receiverUrl);
  if (hostname !== '127.0.0.1') throw new Error(`load only against 127.0.0.1, not ${hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const acknowledged = new Set<string>();
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killed = false;
  const started = Date.now();
  const deadline = started + LOAD_MS;

  const one = (clickId: string): Promise<boolean> =>
    new Promise((resolve) => {
      inFlight++;
      const req = request({ host: '127.0.0.1', port, path: `/pb?click_id=${clickId}&event=install&payout=1.25`, agent, method: 'GET' }, (res) => {
        if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) acknowledged.add(clickId);
        res.resume();
        res.on('end', () => resolve(true));
        res.on('error', () => resolve(false));
      });
      req.on('error', () => resolve(false));
      req.end();
    }).then((ok) => {
      inFlight--;
      return ok as boolean;
    });

  const killer = setInterval(() => {
    if (!killed && Date.now() >= killAt) {
      killed = true;
      inFlightAtKill = inFlight;
      kill();
    }
  }, 5);

  const client = async (c: number): Promise<void> => {
    for (let n = 0; Date.now() < deadline && sent < MAX_REQUESTS; n++) {
      sent++;
      if (!(await one(`k${c}x${n}`))) {
        failed++;
        // The server is gone (or refused): this client stops; the others find out on their own.
        if (killed) return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  clearInterval(killer);
  agent.destroy();
  return { acknowledged, sent, failed, inFlightAtKill };
}

async function api<T>(serve: ServeProcess, path: string): Promise<T> {
  const response = await fetch(serve.controlUrl + path, { headers: { Authorization: `Bearer ${serve.token}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls /api/status until the index has caught up (or 20 s passed: the caller asserts on what it got). */
async function waitForIndex(serve: ServeProcess): Promise<CoreStatus> {
  const from = Date.now();
  let status = await api<CoreStatus>(serve, '/api/status');
  while (status.indexLag > 0 && Date.now() - from < 20_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = await api<CoreStatus>(serve, '/api/status');
  }
  return status;
}

describe('kill -9 of serve mid-load', () => {
  it('loses no acknowledged capture, leaves a sound file, and the next start catches the index up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-kill9-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const dbFile = join(dataDir, 'postbacks.sqlite');

    const first = await startServe([], { dataDir });
    cleanups.push(() => (first.child.exitCode === null && first.child.signalCode === null ? first.stop() : undefined));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.child.once('exit', (_code, signal) => resolve(signal)));

    // The derivation thread boots after `serve` prints its ready line: let it run first, so the kill
    // also cuts an index that is part-way (rows indexed before it, rows not), not one never started.
    const waitedFrom = Date.now();
    let boot = await api<CoreStatus>(first, '/api/status');
    while (boot.derivation?.state !== 'running') {
      if (Date.now() - waitedFrom > 15_000) throw new Error(`derivation thread not running: ${JSON.stringify(boot.derivation)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      boot = await api<CoreStatus>(first, '/api/status');
    }
    const loadStarted = Date.now();
    const load = await fireLoad(first.receiverUrl, loadStarted + KILL_AFTER_MS, () => first.child.kill('SIGKILL'));
    const signal = await exited;
    expect(signal).toBe('SIGKILL');
    // The kill really came mid-load: captures were acknowledged before it and requests were cut by it.
    expect(load.acknowledged.size).toBeGreaterThan(0);
    expect(load.inFlightAtKill).toBeGreaterThan(0);
    expect(load.failed).toBeGreaterThan(0);

    // The file as the crash left it (the app's WAL not yet recovered by a new start), read-only.
    expect(existsSync(dbFile)).toBe(true);
    const crashed = new Database(dbFile, { readonly: true, fileMustExist: true });
    let rows: Set<string>;
    let indexedAtKill = 0;
    try {
      expect(crashed.pragma('integrity_check', { simple: true })).toBe('ok');
      const targets = crashed.prepare(`SELECT target FROM exchanges WHERE direction = 'in'`).pluck().all() as string[];
      rows = new Set(targets.map((target) => new URLSearchParams(target.split('?')[1] ?? '').get('click_id') ?? ''));
      // No row twice either: one request, one row.
      expect(rows.size).toBe(targets.length);
      indexedAtKill = Number(crashed.prepare(`SELECT value FROM meta WHERE key = 'indexed_through'`).pluck().get());
    } finally {
      crashed.close();
    }
    const lost = [...load.acknowledged].filter((id) => !rows.has(id));
    // Rows the client never saw acknowledged (committed, answer cut by the kill) are allowed; lost ones are not.
    const unacknowledgedRows = rows.size - (load.acknowledged.size - lost.length);

    // A new serve on the same folder: the lock died with the process, the index catches up.
    const restartedAt = Date.now();
    const second = await startServe([], { dataDir });
    cleanups.push(() => second.stop());
    const startMs = Date.now() - restartedAt;
    const initial = await api<CoreStatus>(second, '/api/status');
    const status = await waitForIndex(second);
    const catchUpMs = Date.now() - restartedAt;

    console.log(
      `[crash-kill9] clients=${CLIENTS} sent=${load.sent} acknowledged=${load.acknowledged.size} failed(cut by kill)=${load.failed} ` +
        `inFlightAtKill=${load.inFlightAtKill} rows=${rows.size} committed-but-unacknowledged=${unacknowledgedRows} lost=${lost.length} ` +
        `indexedAtKill=${indexedAtKill} realLagAtRestart=${rows.size - indexedAtKill} statusIndexLagAtReady=${initial.indexLag} restart=${startMs}ms catchUp(from restart)=${catchUpMs}ms`,
    );

    expect(lost).toEqual([]);
    expect(status.indexLag).toBe(0);
    expect(status.exchangeCount).toBe(rows.size);

    // The params index finds acknowledged ids: the first and the last one of a client (the last one
    // is the likeliest to have been committed after the crashed process's indexer last ran).
    const probes = ['k0x0', ...[...load.acknowledged].filter((id) => id.startsWith('k0x')).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))).slice(-1)];
    for (const clickId of probes) {
      const page = await api<ExchangePage>(second, `/api/exchanges?param.click_id=${clickId}`);
      expect(page.items.map((item) => item.url), clickId).toEqual([`/pb?click_id=${clickId}&event=install&payout=1.25`]);
    }

    // And it still captures, into the same log. (Stopping does not drain the index — the next start
    // catches up — so wait for it here to check the index in the closed file.)
    expect((await fetch(`${second.receiverUrl}/pb?click_id=after-restart`)).status).toBe(200);
    const after = await waitForIndex(second);
    expect(after.indexLag).toBe(0);
    await second.stop();
    // Closed cleanly: the file is sound and holds everything, the new capture included.
    const closed = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      expect(closed.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(closed.prepare(`SELECT count(*) FROM exchanges WHERE direction = 'in'`).pluck().get()).toBe(rows.size + 1);
      // Every row indexed exactly once across the crash: the load rows carry 3 params each, the last one 1.
      expect(closed.prepare('SELECT count(*) FROM exchange_params').pluck().get()).toBe(rows.size * 3 + 1);
      expect(closed.prepare('SELECT count(*) FROM (SELECT 1 FROM exchange_params GROUP BY exchange_id, name, value HAVING count(*) > 1)').pluck().get()).toBe(0);
      expect(closed.prepare('SELECT count(*) FROM exchange_text').pluck().get()).toBe(rows.size + 1);
    } finally {
      closed.close();
    }
  }, 60_000);
});
