/**
 * One tunnel client process at a time, exposing the receiver port (never the control API). It is
 * a Lifecycle part (stopped on close); when it crashes the state says so and the app goes on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TunnelStatus } from '../model/tunnel.js';
import { hostInUrl } from '../http/listen.js';
import { findOnPath } from './find-binary.js';
import { notInstalledMessage, tunnelClients } from './tunnel-clients.js';
import type { TunnelRequest } from './tunnel-kind.js';

export interface TunnelOptions {
  /** Where the receiver listens (a wildcard bind is reached on loopback). */
  receiver: { host: string; port: number };
  /** How long the client may take to print its URL. */
  urlTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  onError?: (message: string) => void;
}

/** Lines kept to explain an exit: the client's last words, not its whole log. */
const keptLines = 5;

export class Tunnel {
  private child: ChildProcess | null = null;
  private current: TunnelStatus = { state: 'stopped', kind: null, publicUrl: null, error: null };
  private starting: Promise<TunnelStatus> | null = null;

  constructor(private readonly options: TunnelOptions) {}

  status(): TunnelStatus {
    return { ...this.current };
  }

  /** Starts (after stopping a running one); settles once the URL is known or the start failed. */
  async start(request: TunnelRequest): Promise<TunnelStatus> {
    await this.stop();
    this.starting = this.spawnClient(request);
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child) await terminate(child);
    // Stopping also clears a failure: the user has seen it and chose to stop.
    this.current = { state: 'stopped', kind: null, publicUrl: null, error: null };
  }

  private spawnClient(request: TunnelRequest): Promise<TunnelStatus> {
    const client = tunnelClients[request.kind];
    const binary = findOnPath(client.binary, this.options.env);
    if (!binary) {
      this.current = { state: 'failed', kind: request.kind, publicUrl: null, error: notInstalledMessage(request.kind) };
      return Promise.resolve(this.status());
    }
    const target = { host: loopbackFor(this.options.receiver.host), port: this.options.receiver.port };
    this.current = { state: 'starting', kind: request.kind, publicUrl: null, error: null };
    const child = spawn(binary, client.args(target, request), { stdio: ['ignore', 'pipe', 'pipe'], env: this.options.env ?? process.env, windowsHide: true });
    this.child = child;
    const last: string[] = [];
    return new Promise<TunnelStatus>((resolve) => {
      const settle = (): void => resolve(this.status());
      const timer = setTimeout(() => {
        if (this.child !== child || this.current.state !== 'starting') return;
        this.fail(child, `${client.binary} printed no public URL within ${Math.round(this.timeoutMs() / 1000)} s${lastWords(last)}`);
        void terminate(child);
        settle();
      }, this.timeoutMs());
      timer.unref();
      const running = (publicUrl: string): void => {
        if (this.child !== child || this.current.state !== 'starting') return;
        clearTimeout(timer);
        this.current = { state: 'running', kind: request.kind, publicUrl, error: null };
        settle();
      };
      const onLine = (line: string): void => {
        // Lines naming a token may carry the user's ngrok authtoken: never kept for messages.
        if (!/token/i.test(line)) last.push(line.slice(0, 300));
        if (last.length > keptLines) last.shift();
        const url = client.urlFrom(line);
        if (url) running(url);
      };
      for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', onLine);
      // ssh announces nothing: it runs once started, at the URL the user gave.
      child.once('spawn', () => {
        if (request.kind === 'ssh' && request.publicUrl) running(request.publicUrl);
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        if (this.child === child) this.fail(child, `${client.binary} could not start: ${error.message}`);
        settle();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        // Only an exit nobody asked for is a failure; stop() already cleared this.child.
        if (this.child === child) this.fail(child, `${client.binary} exited (${signal ?? `code ${code}`})${lastWords(last)}`);
        settle();
      });
    });
  }

  private fail(child: ChildProcess, message: string): void {
    if (this.child === child) this.child = null;
    this.current = { state: 'failed', kind: this.current.kind, publicUrl: null, error: message };
    this.options.onError?.(`tunnel: ${message}`);
  }

  private timeoutMs(): number {
    return this.options.urlTimeoutMs ?? 30_000;
  }
}

function lastWords(lines: string[]): string {
  return lines.length ? `: ${lines.join(' | ')}` : '';
}

/** A wildcard bind listens on loopback too; a named address is where the receiver is. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return hostInUrl(host);
}

/** SIGTERM, then SIGKILL if it lingers: closing the app never waits on a stuck client. */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
