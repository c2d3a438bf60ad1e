import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './src/store/open-database.js';
import { ExchangesRepository } from './src/store/exchanges-repository.js';
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'mb-')), 'x.sqlite'));
db.pragma('wal_autocheckpoint = 0');
const repo = new ExchangesRepository(db);
const rec = (i: number) => ({ direction: 'in' as const, method: 'GET', target: `/pb?click_id=${i}&event=install&payout=1.25&currency=USD`, path: '/pb', httpVersion: '1.1', rawHeaders: [['host', '127.0.0.1:4100'], ['connection', 'keep-alive'], ['user-agent', 'autocannon']] as [string, string][], contentType: null, body: Buffer.alloc(0), bodySize: 0, remoteAddress: '127.0.0.1', remotePort: 5555, receivedAt: Date.now(), durationMs: 0.1, rejected: null, response: { status: 200, rawHeaders: [['Content-Type', 'text/plain; charset=utf-8']] as [string, string][], body: Buffer.from('OK') }, answeredBy: 'default (200 OK)', endpointId: null, correlation: null });
for (const batch of [1, 30, 100]) {
  const n = 60000;
  const recs = Array.from({ length: n }, (_, i) => rec(i));
  const t = performance.now();
  for (let i = 0; i < n; i += batch) repo.insertMany(recs.slice(i, i + batch));
  const us = ((performance.now() - t) * 1000) / n;
  console.log(`batch ${batch}: ${us.toFixed(2)} µs/row`);
}
