/**
 * Where a CLI import writes: a free data folder is opened here under its lock; a folder a running
 * app holds is written by that app through its control API (which also shows the new rows live).
 * Shared by `import --har` and `import --postman`.
 */
import { join } from 'node:path';
import { defaultDataDir } from '../config.js';
import { CoreError } from '../errors.js';
import { ApiError, apiClient, type ApiClient } from '../scenario/api-client.js';
import { acquireDataFolderLock, readLockHolder } from '../store/data-folder-lock.js';
import { openDatabase, type Db } from '../store/open-database.js';

export interface ImportTarget<T> {
  /** Runs with the folder's database open and locked; closed afterwards. */
  local(db: Db): T;
  /** Runs against the app that holds the folder; `pid` names it in the line printed. */
  remote(api: ApiClient, pid: number): Promise<T>;
}

export async function importInto<T>(data: string | undefined, target: ImportTarget<T>): Promise<T> {
  const dataDir = data ?? defaultDataDir();
  let lock;
  try {
    lock = acquireDataFolderLock(dataDir);
  } catch (error) {
    if (!(error instanceof CoreError && error.code === 'DATA_FOLDER_LOCKED')) throw error;
    const holder = readLockHolder(dataDir);
    if (!holder?.controlUrl || !holder.token) throw new Error(`the data folder ${dataDir} is in use by another Postback Inspector that is still starting; try again`);
    return target.remote(apiClient(holder.controlUrl, holder.token), holder.pid);
  }
  const db = openDatabase(join(dataDir, 'postbacks.sqlite'));
  try {
    return target.local(db);
  } finally {
    db.close();
    lock.release();
  }
}

/** The first field an import refusal named (its JSON path and problem), or null for any other failure. */
export function refusedField(error: unknown): { field: string; message: string } | null {
  if (!(error instanceof ApiError)) return null;
  const refusal = (error.body as { error?: { fields?: Array<{ field: string; message: string }> } } | null)?.error;
  return refusal?.fields?.[0] ?? null;
}

/** The refusal's own message (without the method and status the client puts first). */
export function refusalMessage(error: ApiError): string {
  return (error.body as { error?: { message?: string } } | null)?.error?.message ?? error.message;
}
