/**
 * A fake `cloudflared` for tests: a Node script put first on PATH. Like a quick tunnel it prints
 * a https://….trycloudflare.com URL on stderr; behind it, a tiny HTTP forwarder on a loopback port
 * stands for Cloudflare's edge: it forwards to the --url target, Host kept, with the headers the
 * edge adds (Cf-Connecting-IP, X-Forwarded-For). Its port, argv and pid are written beside it.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export const FAKE_PUBLIC_HOST = 'fake-quick-tunnel.trycloudflare.com';
export const FAKE_CLIENT_IP = '203.0.113.7';

const script = `#!/usr/bin/env node
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const target = new URL(args[args.indexOf('--url') + 1]);
const server = http.createServer((req, res) => {
  const headers = { ...req.headers, 'cf-connecting-ip': '${FAKE_CLIENT_IP}', 'x-forwarded-for': '${FAKE_CLIENT_IP}' };
  const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => { res.writeHead(502); res.end(); });
  req.pipe(out);
});
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(path.join(__dirname, 'forwarder.json'), JSON.stringify({ port: server.address().port, args, pid: process.pid }));
  console.error('2025-01-01T00:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...');
  console.error('2025-01-01T00:00:00Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |');
  console.error('2025-01-01T00:00:00Z INF |  https://${FAKE_PUBLIC_HOST}                                      |');
});
process.on('SIGTERM', () => process.exit(0));
`;

export interface FakeTunnel {
  dir: string;
  /** PATH with the fake first (and node's folder, for its shebang). */
  path: string;
  forwarder(): { port: number; args: string[]; pid: number } | null;
  /** A request as a partner would make it: to the public host, through the fake edge. */
  get(pathAndQuery: string): Promise<{ status: number; body: string }>;
  remove(): void;
}

export function fakeCloudflared(): FakeTunnel {
  const dir = mkdtempSync(join(tmpdir(), 'pi-fake-tunnel-'));
  const file = join(dir, 'cloudflared');
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  const info = join(dir, 'forwarder.json');
  const forwarder = (): { port: number; args: string[]; pid: number } | null => (existsSync(info) ? JSON.parse(readFileSync(info, 'utf8')) : null);
  return {
    dir,
    path: [dir, dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter),
    forwarder,
    get: (pathAndQuery) =>
      new Promise((resolve, reject) => {
        const port = forwarder()?.port;
        if (!port) return reject(new Error('the fake tunnel is not running'));
        const req = request({ host: '127.0.0.1', port, path: pathAndQuery, headers: { Host: FAKE_PUBLIC_HOST } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sshScript = `#!/usr/bin/env node
// A fake OpenSSH client: records how it was asked to forward, then holds the "tunnel" open.
const fs = require('node:fs');
const path = require('node:path');
fs.writeFileSync(path.join(__dirname, 'ssh-args.json'), JSON.stringify({ args: process.argv.slice(2), pid: process.pid }));
setInterval(() => undefined, 1 << 30);
process.on('SIGTERM', () => process.exit(0));
`;

export interface FakeSsh {
  dir: string;
  /** PATH with the fake first (and node's folder, for its shebang). */
  path: string;
  /** The argv ssh was run with, once it runs. */
  run(): { args: string[]; pid: number } | null;
  remove(): void;
}

/** A fake `ssh` for the user-given reverse tunnel: ssh prints no URL, so it only records its arguments. */
export function fakeSsh(): FakeSsh {
  const dir = mkdtempSync(join(tmpdir(), 'pi-fake-ssh-'));
  const file = join(dir, 'ssh');
  writeFileSync(file, sshScript);
  chmodSync(file, 0o755);
  const info = join(dir, 'ssh-args.json');
  return {
    dir,
    path: [dir, dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter),
    run: () => (existsSync(info) ? JSON.parse(readFileSync(info, 'utf8')) : null),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
