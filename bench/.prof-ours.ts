import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CoreEvents } from '/work/main/src/events.js';
import { createSender } from '/work/main/src/sender/index.js';
import { ExchangesRepository } from '/work/main/src/store/exchanges-repository.js';
import { openDatabase } from '/work/main/src/store/open-database.js';
const src = `const http=require('node:http');const s=http.createServer((q,r)=>{q.resume();q.on('end',()=>{r.writeHead(200,{'Content-Length':'2'});r.end('OK')})});s.keepAliveTimeout=60000;s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`;
const child = spawn(process.execPath, ['-e', src], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r));
const url = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const db = openDatabase(join(dir, 'p.sqlite'));
const sender = createSender({ db, exchanges: new ExchangesRepository(db), events: new CoreEvents() });
await sender.start();
const template = { name: 'b', method: 'GET', url: `${url}/pb?click_id={click_id}&event=purchase&payout=1.25`, headers: [], bodyMode: 'none' as const, body: '', dialect: 'curly' as const };
for (const n of [2000, 20000]) {
  const t = performance.now();
  const s = await sender.bulk({ template, count: n, concurrency: 50, generators: { click_id: { kind: 'sequence', prefix: 'p' + n } } }).done;
  console.log(n, s.delivered, ((n / (performance.now() - t)) * 1000).toFixed(0), 'req/s');
}
await sender.close(); db.close(); child.kill();
