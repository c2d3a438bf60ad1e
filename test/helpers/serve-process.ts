import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServeProcess {
  receiverUrl: string;
  controlUrl: string;
  token: string;
  /** Present when started with --tunnel. */
  tunnelUrl?: string | null;
  dataDir: string;
  child: ChildProcess;
  /** What the app wrote to stderr so far. */
  stderr: () => string;
  stop: () => Promise<void>;
}

const bin = new URL('../../bin/postback-inspector.js', import.meta.url).pathname;

/**
 * Starts the built app exactly as a user would in headless mode: `postback-inspector serve --json`.
 * On any free receiver port unless `savedReceiverPort` leaves the port to the data folder's Settings.
 */
export async function startServe(extraArgs: string[] = [], options: { dataDir?: string; savedReceiverPort?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pi-e2e-'));
  const portArgs = options.savedReceiverPort ? [] : ['--receiver-port', '0'];
  const child = spawn(process.execPath, [bin, 'serve', '--json', ...portArgs, '--data', dataDir, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const ready = JSON.parse(line) as { receiverUrl: string; controlUrl: string; token: string; tunnelUrl?: string | null };
  return {
    ...ready,
    dataDir,
    child,
    stderr: () => stderr,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await exited;
      // A folder the caller gave is the caller's to remove.
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
