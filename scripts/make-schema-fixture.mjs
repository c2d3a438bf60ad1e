#!/usr/bin/env node
// Builds test/fixtures/schema-v6.sqlite (+ schema-v6.json, what was put in it) with the PREVIOUS
// RELEASE's own code, so the rows have exactly the shapes that release wrote (JSON of endpoints,
// profiles, templates, outbox settings, verdict details, index rows), not shapes guessed today.
//
//   node scripts/make-schema-fixture.mjs [commit]
//
// The default commit is 89df1ea, the last one whose migrations stop at 006_metrics.sql
// (user_version 6): `git log --oneline -- src/store/migrations` shows 007_lean_capture.sql arriving
// with af206f0 right after it. Its `src/` is extracted to a temp folder (git archive) and run with
// tsx on this checkout's node_modules (package.json is the same at both commits).
//
// What the old app does, through its control API and receiver on 127.0.0.1:
//   - a profile (HMAC over sorted query params) with a shared secret, an endpoint /pb using it, a
//     saved template;
//   - captures: raw-socket GETs (a latin1 header byte, odd spacing, `+` and %20 in the target),
//     JSON POSTs (one with 12.50 and one with a 20-digit number: the old release indexed JSON
//     numbers rounded, 12.5 and 12345678901234567000), a gzip JSON POST, a form POST, an unmatched path, and a capture signed by the
//     old sender (verdict pass);
//   - an outbox send to a local partner that answers 503 then 200 (two attempts, delivered);
//   - a golden baseline pinned on the endpoint;
//   - then its search indexer is stopped and two more captures arrive, so the file also holds
//     rows the old release never indexed (what a kill with index lag leaves): the new release must
//     index them.
// The file is then rebuilt with 1 KiB pages (VACUUM) to stay small; the schema is untouched.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repo, 'test', 'fixtures');

if (process.argv[2] === '--drive') {
  await drive(process.argv[3], process.argv[4]);
} else {
  const commit = process.argv[2] ?? '89df1ea';
  const old = mkdtempSync(join(tmpdir(), 'pi-schema-v6-src-'));
  const data = mkdtempSync(join(tmpdir(), 'pi-schema-v6-data-'));
  try {
    const migrations = execFileSync('git', ['ls-tree', '--name-only', `${commit}:src/store/migrations`], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
    const newest = Math.max(...migrations.map((name) => Number.parseInt(name, 10)));
    if (newest !== 6) throw new Error(`${commit} has migrations up to ${newest}, not 6`);
    const tar = execFileSync('git', ['archive', commit, 'src', 'package.json'], { cwd: repo, maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', old], { input: tar });
    symlinkSync(realpathSync(join(repo, 'node_modules')), join(old, 'node_modules'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--drive', old, data], { cwd: repo, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`driver failed (${run.status ?? run.signal})`);
    mkdirSync(outDir, { recursive: true });
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(data, 'postbacks.sqlite'));
    if (db.pragma('user_version', { simple: true }) !== 6) throw new Error('the old app did not leave user_version 6');
    // Smaller pages: ~50 mostly empty b-trees would cost 4 KiB each. Then back to WAL, as the app leaves it.
    db.pragma('journal_mode = DELETE');
    db.pragma('page_size = 1024');
    db.exec('VACUUM');
    db.pragma('journal_mode = WAL');
    db.close();
    copyFileSync(join(data, 'postbacks.sqlite'), join(outDir, 'schema-v6.sqlite'));
    copyFileSync(join(data, 'manifest.json'), join(outDir, 'schema-v6.json'));
    console.log(`wrote test/fixtures/schema-v6.sqlite and schema-v6.json from ${commit}`);
  } finally {
    rmSync(old, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}

/** Runs inside `node --import tsx`, with the old release's src/ in `oldDir`. */
async function drive(oldDir, dataDir) {
  const { createServer } = await import('node:http');
  const { connect } = await import('node:net');
  const { gzipSync } = await import('node:zlib');
  const { createCore } = await import(pathToFileURL(join(oldDir, 'src', 'index.ts')).href);
  const core = await createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });
  const receiverPort = Number(new URL(core.receiverUrl).port);
  const api = async (method, path, body) => {
    const response = await fetch(core.controlUrl + path, {
      method,
      headers: { Authorization: `Bearer ${core.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const raw = (bytes) =>
    new Promise((resolve, reject) => {
      const socket = connect(receiverPort, '127.0.0.1');
      const chunks = [];
      socket.on('data', (c) => {
        chunks.push(c);
        if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) socket.end();
      });
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
      socket.on('error', reject);
      socket.write(bytes);
    });
  const waitFor = async (what, check) => {
    for (let i = 0; i < 200; i++) {
      const value = await check();
      if (value) return value;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const SECRET = 'partner-secret-1a2b';
  const profile = await api('POST', '/api/profiles', {
    name: 'Fixture partner (HMAC over sorted query)',
    params: [
      { name: 'click_id', presence: 'required', pattern: '^[a-z0-9]+$' },
      { name: 'event', presence: 'required', type: 'enum', values: ['install', 'purchase'] },
      { name: 'payout', presence: 'optional', type: 'decimal', maxDecimals: 2, min: 0 },
      { name: 'currency', presence: 'optional', type: 'currency' },
    ],
    signature: {
      scheme: 'hmac',
      options: { message: { kind: 'sorted-params', source: 'query', encoding: 'rfc3986', pairSeparator: '&', kvSeparator: '=' }, signature: { in: 'query', name: 'sig' } },
    },
    macroDialect: 'curly',
    correlationKeys: ['click_id', 'event'],
  });
  await api('PUT', `/api/profiles/${profile.id}/secret`, { secret: SECRET, encoding: 'utf8' });
  const endpoint = await api('POST', '/api/endpoints', { name: 'Fixture partner', path: '/pb', profileId: profile.id });
  const savedTemplate = await api('POST', '/api/templates', {
    name: 'Fixture install postback',
    method: 'GET',
    url: `${core.receiverUrl}/pb?click_id={click_id}&event={event}&payout={payout}&currency=USD`,
    headers: [['X-Partner', 'Fixture']],
    bodyMode: 'none',
    body: '',
    dialect: 'curly',
    profileId: profile.id,
  });

  const captures = [];
  const capture = async (label, clickId, method, target, headers, body, indexedByOldRelease = true) => {
    const head = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${receiverPort}`, ...headers, ...(body.length > 0 || method === 'POST' ? [`Content-Length: ${body.length}`] : []), 'Connection: close'];
    const response = await raw(Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n', 'latin1'), body]));
    if (!/^HTTP\/1\.1 2\d\d/.test(response)) throw new Error(`${label}: ${response.slice(0, 80)}`);
    const found = await waitFor(label, async () => (await api('GET', `/api/exchanges?limit=50`)).items.find((item) => item.url === target));
    captures.push({ label, id: found.id, clickId, method, target, bodyBase64: body.toString('base64'), indexedByOldRelease });
  };

  await capture('query GET, bad signature, latin1 header', 'abc123', 'GET', '/pb?click_id=abc123&event=install&payout=1.50&currency=USD&sig=deadbeef', ['User-Agent: Fixture/1.0', 'X-Note: caf\xe9 ok', 'x-LOWER-mixed:  spaced  '], Buffer.alloc(0));
  await capture('query GET, + and %20 in the target', 'plus456', 'GET', '/pb?click_id=plus456&event=purchase&payout=2.00&note=a+b%20c&sig=00', ['Accept: */*'], Buffer.alloc(0));
  await capture('JSON POST', 'json789', 'POST', '/pb?src=json', ['Content-Type: application/json'], Buffer.from('{"click_id":"json789","event":"purchase","payout":12.50,"currency":"EUR","items":[{"sku":"A-1","qty":2}]}'));
  await capture('JSON POST with a 20-digit numeric click_id', '12345678901234567890', 'POST', '/pb?src=bigint', ['Content-Type: application/json'], Buffer.from('{"click_id":12345678901234567890,"event":"install","payout":5}'));
  await capture('gzip JSON POST', 'gzipjson1', 'POST', '/pb?src=gzip', ['Content-Type: application/json', 'Content-Encoding: gzip'], gzipSync(Buffer.from('{"click_id":"gzipjson1","event":"install","payout":0.10}')));
  await capture('form POST', 'form321', 'POST', '/pb', ['Content-Type: application/x-www-form-urlencoded'], Buffer.from('click_id=form321&event=install&payout=3.5&note=caf%C3%A9+au+lait'));
  await capture('unmatched path', 'nomatch1', 'GET', '/elsewhere/cb?click_id=nomatch1&status=ok', [], Buffer.alloc(0));

  // Signed by the old sender with the profile's secret: a passing verdict.
  const signed = await api('POST', '/api/send', { templateId: savedTemplate.id, vars: { click_id: 'signed42', event: 'install', payout: '4.20' } });
  if (!signed.delivered) throw new Error('signed send not delivered');
  const signedIn = await waitFor('signed capture', async () => (await api('GET', `/api/exchanges?limit=50&direction=in`)).items.find((item) => item.url.includes('click_id=signed42')));
  captures.push({ label: 'signed by the old sender', id: signedIn.id, clickId: 'signed42', method: 'GET', target: signedIn.url, bodyBase64: '', indexedByOldRelease: true });

  // An outbox send with a retry: the partner answers 503, then 200.
  let partnerCalls = 0;
  const partner = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      partnerCalls++;
      res.writeHead(partnerCalls === 1 ? 503 : 200, { 'Content-Type': 'text/plain' });
      res.end(partnerCalls === 1 ? 'busy, retry' : 'OK');
    });
  });
  await new Promise((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const partnerUrl = `http://127.0.0.1:${partner.address().port}`;
  const sent = await api('POST', '/api/send', {
    template: { name: 'retry once', method: 'POST', url: `${partnerUrl}/postback?click_id={click_id}`, headers: [['X-Partner', 'Fixture']], bodyMode: 'json', body: '{"click_id":"{click_id}","payout":7.25}', dialect: 'curly', retry: { kind: 'schedule', delaysMs: [50] } },
    vars: { click_id: 'outbox1' },
  });
  const delivered = await waitFor('outbox delivery', async () => {
    const found = await api('GET', `/api/outbox/${sent.outbox.id}`);
    return found.item.state === 'delivered' ? found : null;
  });
  await new Promise((resolve) => partner.close(resolve));

  // The first capture is the endpoint's golden baseline.
  await api('PUT', `/api/baselines/endpoint/${endpoint.id}`, { exchangeId: captures[0].id });

  // Let the old release finish its derived work on everything so far (index, verdicts, baselines, metrics).
  await waitFor('index, verdicts and metrics of the old release', async () => {
    const status = await api('GET', '/api/status');
    if (status.indexLag !== 0) return false;
    const maxId = core.db.prepare('SELECT max(id) FROM exchanges').pluck().get();
    const through = (key) => Number(core.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) ?? 0);
    const unjudged = core.db.prepare(`SELECT count(*) FROM exchanges e WHERE direction = 'in' AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.exchange_id = e.id)`).pluck().get();
    return unjudged === 0 && through('metrics_through') >= maxId && through('baselines_checked_through') >= maxId;
  });
  await new Promise((r) => setTimeout(r, 300));

  // Then the old indexer stops: these rows reach the file unindexed (as after a kill with index lag).
  core.indexer.close();
  await capture('query GET the old release never indexed', 'lateq1', 'GET', '/pb?click_id=lateq1&event=install&payout=9.99&sig=00', ['User-Agent: Late/1'], Buffer.alloc(0), false);
  await capture('JSON POST the old release never indexed', 'latej1', 'POST', '/pb?src=late', ['Content-Type: application/json'], Buffer.from('{"click_id":"latej1","event":"purchase","payout":1e2}'), false);

  await core.close();
  writeFileSync(
    join(dataDir, 'manifest.json'),
    JSON.stringify(
      {
        madeBy: 'scripts/make-schema-fixture.mjs',
        userVersion: 6,
        secret: SECRET,
        profileId: profile.id,
        endpointId: endpoint.id,
        templateId: savedTemplate.id,
        baseline: { scope: 'endpoint', scopeId: endpoint.id, exchangeId: captures[0].id },
        outbox: { id: delivered.item.id, exchangeId: delivered.item.exchangeId, attempts: delivered.attempts.map((a) => ({ number: a.number, status: a.status, outcome: a.outcome })) },
        captures,
      },
      null,
      2,
    ) + '\n',
  );
}
