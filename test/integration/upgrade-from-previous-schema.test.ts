/**
 * Opening a data folder written by the previous release (schema user_version 6, before
 * 007_lean_capture.sql) with the current core (issue #11, "Tests").
 *
 * test/fixtures/schema-v6.sqlite was written by the previous release's own code (commit 89df1ea)
 * through its API and receiver; test/fixtures/schema-v6.json lists what was put in it. Both are
 * rebuilt by `node scripts/make-schema-fixture.mjs` (see the comment at its top). Two captures in
 * it were never indexed by the old release (its indexer was stopped first, as a kill with index lag
 * leaves a folder), so the current derivation pipeline has real catch-up work on an old file.
 *
 * Found by this test: the old release indexed JSON numbers rounded (12.50 as 12.5, a 20-digit id
 * as 12345678901234567000); migration 009 rebuilds the index so searches by the value as written
 * find old captures too.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreStatus, type ExchangeDetail, type ExchangePage } from '../../src/index.js';
import type { Baseline, ExchangeBaselineResults } from '../../src/model/comparison.js';
import type { Profile } from '../../src/model/profile.js';
import { keyFileProvider } from '../../src/profiles/key-file.js';
import { SecretCipher } from '../../src/profiles/secret-cipher.js';
import type { AttemptView, OutboxItem } from '../../src/model/sender.js';
import type { ExchangeVerdict, VerdictSummary } from '../../src/model/verdict.js';
import type { Db } from '../../src/store/open-database.js';
import { openLog } from '../helpers/core.js';

interface FixtureCapture {
  label: string;
  id: number;
  clickId: string;
  method: string;
  target: string;
  bodyBase64: string;
  indexedByOldRelease: boolean;
}

interface Manifest {
  userVersion: number;
  secret: string;
  profileId: number;
  endpointId: number;
  templateId: number;
  baseline: { scope: 'endpoint'; scopeId: number; exchangeId: number };
  outbox: { id: number; exchangeId: number; attempts: Array<{ number: number; status: number; outcome: string }> };
  captures: FixtureCapture[];
}

type Row = Record<string, unknown>;

const fixtureFile = new URL('../fixtures/schema-v6.sqlite', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(new URL('../fixtures/schema-v6.json', import.meta.url), 'utf8')) as Manifest;
const migrationsDir = new URL('../../src/store/migrations/', import.meta.url).pathname;
const newestMigration = Math.max(...readdirSync(migrationsDir).filter((name) => /^\d+_.+\.sql$/.test(name)).map((name) => Number.parseInt(name, 10)));

/** Tables whose rows the upgrade must leave exactly as they were (bytes included). */
const KEPT_TABLES: Record<string, string> = {
  exchanges: 'id',
  endpoints: 'id',
  profiles: 'id',
  secrets: 'id',
  templates: 'id',
  outbox: 'id',
  attempts: 'id',
  baselines: 'exchange_id',
};

/** Columns later migrations add, with the value every old row must get (013: nothing old was imported). */
const ADDED_COLUMNS: Record<string, Row> = {
  exchanges: { imported: null },
};

let dataDir: string;
let core: Core;
/** The test's own connection on the migrated file (the core keeps its own to itself). */
let log: Db;
let versionAfterStart = 0;
let before: Record<string, Row[]>;
let verdictsBefore: Row[];
let settleMs = 0;

const api = async <T>(path: string): Promise<T> => {
  const response = await fetch(core.controlUrl + path, { headers: { Authorization: `Bearer ${core.token}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const bytes = async (path: string): Promise<Buffer> => {
  const response = await fetch(core.controlUrl + path, { headers: { Authorization: `Bearer ${core.token}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
};
const byClickId = (clickId: string): FixtureCapture => {
  const capture = manifest.captures.find((c) => c.clickId === clickId);
  if (!capture) throw new Error(`no fixture capture ${clickId}`);
  return capture;
};
const readTables = (db: Database.Database): Record<string, Row[]> =>
  Object.fromEntries(Object.entries(KEPT_TABLES).map(([table, order]) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Row[]]));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pi-upgrade-'));
  const dbFile = join(dataDir, 'postbacks.sqlite');
  copyFileSync(fixtureFile, dbFile);
  const old = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    // The fixture is what it claims to be; otherwise every assertion below proves nothing.
    expect(old.pragma('user_version', { simple: true })).toBe(6);
    expect(manifest.userVersion).toBe(6);
    before = readTables(old);
    verdictsBefore = old.prepare('SELECT exchange_id, status, signature, failures, profile_id FROM verdicts ORDER BY exchange_id').all() as Row[];
    const unindexed = old.prepare(`SELECT count(*) FROM exchanges WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'indexed_through')`).pluck().get();
    expect(unindexed).toBe(manifest.captures.filter((c) => !c.indexedByOldRelease).length);
  } finally {
    old.close();
  }
  const started = Date.now();
  core = await createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });
  // Read before openLog, which would bring the schema up to date itself: this is the core's doing.
  const plain = new Database(core.dbFile, { readonly: true });
  versionAfterStart = plain.pragma('user_version', { simple: true }) as number;
  plain.close();
  log = openLog(core);
  await core.derived.settle();
  settleMs = Date.now() - started;
  console.log(`[upgrade v6→${newestMigration}] ${before['exchanges']!.length} exchanges; open + migrate + derivation settled in ${settleMs} ms`);
});

afterAll(async () => {
  await core?.close();
  log?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a data folder from the previous release (schema 6)', () => {
  it('is migrated to the newest schema and stays a sound file', () => {
    expect(versionAfterStart).toBe(newestMigration);
    expect(newestMigration).toBeGreaterThan(6);
    expect(log.pragma('integrity_check', { simple: true })).toBe('ok');
    // 007 dropped the received_at index; 001's other indexes stay.
    const indexes = log.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'exchanges'`).pluck().all();
    expect(indexes).not.toContain('exchanges_received_at');
    expect(indexes).toContain('exchanges_correlation');
  });

  it('keeps every row byte-exact: captures (targets, headers, bodies), endpoints, profiles, secrets, templates, outbox, attempts, baselines', () => {
    const after = readTables(log);
    // Secrets are the one planned change (encryption at rest, issue #15): sealed in place, and
    // opening them with the folder's key gives back exactly the old clear value.
    const { key, source } = keyFileProvider().load(dataDir);
    const cipher = new SecretCipher(key, source);
    for (const row of after['secrets']!) expect(String(row['value'])).toMatch(/^enc:v1:/);
    after['secrets'] = after['secrets']!.map((row) => ({ ...row, value: cipher.decrypt(Number(row['profile_id']), String(row['value'])) }));
    for (const table of Object.keys(KEPT_TABLES)) {
      // Columns added since (013's imported, 015's tls…) start empty; every old column keeps its value.
      const oldColumns = Object.keys(before[table]![0] ?? {});
      const added = (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([column]) => !oldColumns.includes(column)));
      const kept = (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([column]) => oldColumns.includes(column)));
      expect(after[table]!.map(kept), table).toEqual(before[table]);
      for (const row of after[table]!) expect(Object.values(added(row)).every((value) => value === null), table).toBe(true);
    }
    // And what the old release was sent is what the file holds (not merely "unchanged by the upgrade").
    for (const capture of manifest.captures) {
      const stored = core.exchanges.get(capture.id);
      expect(stored, capture.label).toBeDefined();
      expect(stored!.target, capture.label).toBe(capture.target);
      expect(stored!.method, capture.label).toBe(capture.method);
      expect(stored!.body.equals(Buffer.from(capture.bodyBase64, 'base64')), capture.label).toBe(true);
    }
  });

  it('lists and details the old captures through the API, bodies and raw messages byte-exact', async () => {
    const page = await api<ExchangePage>('/api/exchanges?limit=1000');
    expect(page.items.map((item) => item.id).sort((a, b) => a - b)).toEqual((before['exchanges'] as Array<{ id: number }>).map((row) => row.id));
    for (const capture of manifest.captures) {
      const detail = await api<ExchangeDetail>(`/api/exchanges/${capture.id}`);
      expect(detail.url, capture.label).toBe(capture.target);
      expect(detail.method, capture.label).toBe(capture.method);
      expect(detail.body, capture.label).toBe(capture.bodyBase64);
      expect((await bytes(`/api/exchanges/${capture.id}/body`)).toString('base64'), capture.label).toBe(capture.bodyBase64);
    }
    // A latin1 header byte and a mixed-case name, as the old receiver stored them, come back as sent.
    const first = byClickId('abc123');
    const raw = (await bytes(`/api/exchanges/${first.id}/raw`)).toString('latin1');
    expect(raw.startsWith(`GET ${first.target} HTTP/1.1\r\n`)).toBe(true);
    expect(raw).toContain('\r\nX-Note: caf\xe9 ok\r\n');
    expect(raw).toContain('\r\nx-LOWER-mixed: spaced\r\n');
    // The gzip body decodes; the form body's fields are decoded in the detail.
    expect(JSON.parse((await bytes(`/api/exchanges/${byClickId('gzipjson1').id}/body?decoded=1`)).toString('utf8'))).toMatchObject({ click_id: 'gzipjson1' });
    const form = await api<ExchangeDetail>(`/api/exchanges/${byClickId('form321').id}`);
    expect(JSON.stringify(form.bodyView)).toContain('café au lait');
  });

  it('indexes what the old release never indexed and keeps what it did: param and text searches find both', async () => {
    const status = await api<CoreStatus>('/api/status');
    expect(status.indexLag).toBe(0);
    expect(status.exchangeCount).toBe(before['exchanges']!.length);
    for (const capture of manifest.captures) {
      // Inbound only: the old sender's own request for signed42 is an outbound row with the same click_id.
      const page = await api<ExchangePage>(`/api/exchanges?direction=in&param.click_id=${capture.clickId}`);
      expect(page.items.map((item) => item.id), `param search ${capture.label}`).toEqual([capture.id]);
    }
    // JSON numbers are searched as written, on rows the old release indexed (it stored them
    // rounded: 12.5, 0.1, 12345678901234567000) as on rows indexed now.
    expect((await api<ExchangePage>('/api/exchanges?param.payout=12.50')).items.map((item) => item.id)).toEqual([byClickId('json789').id]);
    expect((await api<ExchangePage>('/api/exchanges?param.payout=0.10')).items.map((item) => item.id)).toEqual([byClickId('gzipjson1').id]);
    expect((await api<ExchangePage>('/api/exchanges?param.payout=12.5')).items).toEqual([]);
    // JSON body fields and numbers as written, for a row indexed only now.
    const late = byClickId('latej1');
    expect((await api<ExchangePage>('/api/exchanges?param.payout=1e2')).items.map((item) => item.id)).toContain(late.id);
    expect((await api<ExchangePage>('/api/exchanges?q=latej1')).items.map((item) => item.id)).toEqual([late.id]);
    expect((await api<ExchangePage>('/api/exchanges?q=json789')).items.map((item) => item.id)).toEqual([byClickId('json789').id]);
    // Catch-up started after the old progress mark: no row was indexed twice.
    const doubled = log.prepare('SELECT exchange_id, name, value FROM exchange_params GROUP BY exchange_id, name, value HAVING count(*) > 1').all();
    expect(doubled).toEqual([]);
  });

  it('has a verdict for every inbound capture, old ones re-judged as the old release judged them, new ones judged now', async () => {
    const inbound = manifest.captures.map((c) => c.id);
    const summaries = await api<VerdictSummary[]>(`/api/verdicts?ids=${inbound.join(',')}`);
    expect(summaries.map((s) => s.exchangeId).sort((a, b) => a - b)).toEqual([...inbound].sort((a, b) => a - b));
    const byId = new Map(summaries.map((s) => [s.exchangeId, s]));
    // Same outcome as the previous release computed for the rows it judged.
    for (const old of verdictsBefore) {
      expect({ status: byId.get(old['exchange_id'] as number)?.status, signature: byId.get(old['exchange_id'] as number)?.signature }, `verdict of ${String(old['exchange_id'])}`).toEqual({
        status: old['status'],
        signature: old['signature'],
      });
    }
    // The profile's secret still signs and verifies: the old sender's signed capture passes, a bad sig fails.
    expect(byId.get(byClickId('signed42').id)).toMatchObject({ status: 'pass', signature: 'pass', profileId: manifest.profileId });
    expect(byId.get(byClickId('abc123').id)).toMatchObject({ status: 'fail', signature: 'fail' });
    expect(byId.get(byClickId('lateq1').id)).toMatchObject({ signature: 'fail', profileId: manifest.profileId });
    expect(byId.get(byClickId('nomatch1').id)).toMatchObject({ status: 'none', profileId: null });
    const verdict = await api<ExchangeVerdict>(`/api/exchanges/${byClickId('signed42').id}/verdict`);
    expect(verdict.profileName).toBe('Fixture partner (HMAC over sorted query)');
    // Nothing stale is left and no stored detail holds the secret in clear (migration 008 re-judged them).
    expect(log.prepare('SELECT count(*) FROM verdicts WHERE stale = 1').pluck().get()).toBe(0);
    expect(JSON.stringify(log.prepare('SELECT detail FROM verdicts').pluck().all())).not.toContain(manifest.secret);
  });

  it('keeps the profile, its secret (masked), the endpoint, the template and the pinned baseline, and diffs new rows against it', async () => {
    const profile = await api<Profile>(`/api/profiles/${manifest.profileId}`);
    expect(JSON.stringify(profile)).not.toContain(manifest.secret);
    expect(JSON.stringify(profile)).toContain('••••1a2b');
    expect(await api(`/api/endpoints/${manifest.endpointId}`)).toMatchObject({ name: 'Fixture partner', path: '/pb', profileId: manifest.profileId });
    expect(await api(`/api/templates/${manifest.templateId}`)).toMatchObject({ name: 'Fixture install postback', profileId: manifest.profileId });
    const baselines = await api<Baseline[]>('/api/baselines');
    expect(baselines).toEqual([expect.objectContaining({ scope: 'endpoint', scopeId: manifest.baseline.scopeId, exchangeId: manifest.baseline.exchangeId })]);
    // Rows the old release never checked are compared against the old pin now.
    const late = await api<ExchangeBaselineResults>(`/api/exchanges/${byClickId('lateq1').id}/baseline-result`);
    expect(late).toMatchObject({ pending: false, results: [expect.objectContaining({ baselineExchangeId: manifest.baseline.exchangeId })] });
  });

  it('keeps the outbox history: the send, both attempts (503 then 200) and the request as sent', async () => {
    const { item, attempts } = await api<{ item: OutboxItem; attempts: AttemptView[] }>(`/api/outbox/${manifest.outbox.id}`);
    expect(item).toMatchObject({ state: 'delivered', attempts: 2, exchangeId: manifest.outbox.exchangeId, lastStatus: 200, retry: { kind: 'schedule', delaysMs: [50] } });
    expect(attempts.map((a) => ({ number: a.number, status: a.status, outcome: a.outcome }))).toEqual(manifest.outbox.attempts);
    expect(Buffer.from(attempts[0]!.responseBody, 'base64').toString()).toBe('busy, retry');
    expect((await api<AttemptView[]>(`/api/exchanges/${manifest.outbox.exchangeId}/attempts`)).map((a) => a.id)).toEqual(attempts.map((a) => a.id));
    const sent = await api<ExchangeDetail>(`/api/exchanges/${manifest.outbox.exchangeId}`);
    expect(sent.direction).toBe('out');
    expect(Buffer.from(sent.body, 'base64').toString()).toBe('{"click_id":"outbox1","payout":7.25}');
    // Nothing was sent again on start: delivered stays delivered, with its two attempts.
    expect((await api<{ items: OutboxItem[] }>('/api/outbox')).items.map((o) => [o.id, o.state, o.attempts])).toEqual([
      [manifest.outbox.id, 'delivered', 2],
      [manifest.outbox.id - 1, 'delivered', 1],
    ]);
  });

  it('captures on into the same log, with ids after the old ones', async () => {
    const maxOld = Math.max(...(before['exchanges'] as Array<{ id: number }>).map((row) => row.id));
    expect((await fetch(`${core.receiverUrl}/pb?click_id=afterupgrade&event=install`)).status).toBe(200);
    await core.derived.settle();
    const page = await api<ExchangePage>('/api/exchanges?param.click_id=afterupgrade');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.id).toBeGreaterThan(maxOld);
  });
});
