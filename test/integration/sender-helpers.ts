import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TemplateSpec } from '../../src/model/sender.js';
import { createSender, type Sender, type SenderConfig } from '../../src/sender/index.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openLog, type TestCore } from '../helpers/core.js';

/**
 * A sender on top of a test core, started: on the core's file through the test's own connection
 * (closed by tc.close()), announcing to the core's events and derivation pipeline.
 */
export async function senderFor(tc: TestCore, config: SenderConfig = {}): Promise<Sender> {
  // The core runs its own sender on the same outbox: stop it, so only this one (with this config) sends.
  await tc.core.sender.close();
  const log = openLog(tc.core);
  const sender = createSender({ db: log, exchanges: new ExchangesRepository(log), events: tc.core.events, derived: tc.core.derived, config });
  await sender.start();
  return sender;
}

export const template = (over: Partial<TemplateSpec>): TemplateSpec => ({
  name: 'test',
  method: 'GET',
  url: 'http://127.0.0.1:1/pb',
  headers: [],
  bodyMode: 'none',
  body: '',
  dialect: 'curly',
  ...over,
});

export interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

export interface ScriptedServer {
  url: string;
  seen: Seen[];
  close: () => Promise<void>;
}

/**
 * A tiny partner stand-in on 127.0.0.1: `answer` decides each response from the request and its
 * 0-based arrival number (e.g. "fail the first N").
 */
export async function scriptedServer(answer: (n: number, seen: Seen, res: ServerResponse) => void): Promise<ScriptedServer> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
      seen.push(entry);
      answer(seen.length - 1, entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function reply(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
  res.end(body);
}
