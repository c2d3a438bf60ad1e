import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../index.js';
import { apiClient, type ApiClient } from './api-client.js';

export interface HeadlessApp {
  api: ApiClient;
  close(): Promise<void>;
}

/**
 * A throwaway app for one plan: its own data folder and free ports, so CI runs never collide and a
 * user's data is never touched. The runner still speaks HTTP to it, exactly as to a running app.
 */
export async function startHeadless(): Promise<HeadlessApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postback-inspector-test-'));
  try {
    const core = await createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0 } });
    return {
      api: apiClient(core.controlUrl, core.token),
      close: async () => {
        await core.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
