import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreConfigInput } from '../../src/index.js';
import { keyFileProvider } from '../../src/profiles/key-file.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';

export interface TestCore {
  core: Core;
  dataDir: string;
  receiverPort: number;
  controlPort: number;
  /** Authenticated request to the control API. */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
}

/** A real core on 127.0.0.1 with free ports and a fresh SQLite file in a temp dir. */
export async function startCore(input: CoreConfigInput = {}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pi-test-'));
  const core = await createCore({
    dataDir,
    ...input,
    receiver: { host: '127.0.0.1', port: 0, ...input.receiver },
    control: { port: 0, uiDir: null, ...input.control },
  });
  const api = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(core.controlUrl + path, { ...init, headers: { Authorization: `Bearer ${core.token}`, ...(init.headers as Record<string, string>) } });
  return {
    core,
    dataDir,
    receiverPort: Number(new URL(core.receiverUrl).port),
    controlPort: Number(new URL(core.controlUrl).port),
    api,
    close: async () => {
      await core.close();
      // A test's own connection (openLog) closes once the core is stopped, before its folder goes.
      logs.get(core)?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const logs = new WeakMap<Core, Db>();

/**
 * A connection of the test's own on a core's SQLite file, for what a test checks or plants under
 * the core's API (the core keeps its connection to itself). Real SQLite: a second connection on the
 * WAL file, waiting out the core's writes (busy_timeout). Rows written here are missing from
 * core.exchanges.count(), a cache of the core's own writes. One per core, opened again if closed.
 * A TestCore's close() closes it; a test that ran createCore itself closes it before removing the folder.
 */
export function openLog(core: Core): Db {
  const open = logs.get(core);
  if (open?.open) return open;
  const db = openDatabase(core.dbFile);
  logs.set(core, db);
  return db;
}

export interface RawResponse {
  status: number;
  head: string;
  body: Buffer;
}

/**
 * Sends exact bytes over a raw socket and reads one response: the only way to prove fidelity
 * (an HTTP client library would normalise what we want to test).
 */
export function rawRequest(port: number, request: Buffer | string, options: { timeoutMs?: number } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('raw request timed out'));
    }, options.timeoutMs ?? 5000);
    const finish = (): void => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP response: ${JSON.stringify(all.toString('latin1'))}`));
      const head = all.subarray(0, split).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: all.subarray(split + 4) });
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // Read until the response is complete (Content-Length) and then close.
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return;
      const length = /content-length:\s*(\d+)/i.exec(all.subarray(0, split).toString('latin1'));
      if (length && all.length >= split + 4 + Number(length[1])) {
        socket.end();
      }
    });
    socket.on('end', finish);
    socket.on('close', () => {
      if (chunks.length === 0) {
        clearTimeout(timer);
        reject(new Error('connection closed without a response'));
      }
    });
    socket.on('error', (error) => {
      if (chunks.length > 0) finish();
      else {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  });
}

export async function detail(tc: TestCore, id: number): Promise<import('../../src/index.js').ExchangeDetail> {
  const response = await tc.api(`/api/exchanges/${id}`);
  if (response.status !== 200) throw new Error(`detail ${id}: ${response.status}`);
  return (await response.json()) as import('../../src/index.js').ExchangeDetail;
}

export async function latest(tc: TestCore): Promise<import('../../src/index.js').ExchangeDetail> {
  const page = (await (await tc.api('/api/exchanges?limit=1')).json()) as { items: Array<{ id: number }> };
  const first = page.items[0];
  if (!first) throw new Error('no exchange captured');
  return detail(tc, first.id);
}

/** The secrets key a second derivation thread on a core's folder needs (read from its key file). */
export function pipelineKey(core: Core): { secretsKey: Uint8Array; secretsKeySource: string } {
  const { key, source } = keyFileProvider().load(core.config.dataDir);
  return { secretsKey: key, secretsKeySource: source };
}
