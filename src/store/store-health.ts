import { statfsSync } from 'node:fs';
import { CoreError } from '../errors.js';
import type { StoreState } from '../model/exchange.js';

/** SQLite says FULL (the disk, a quota, max_page_count); the OS says ENOSPC/EDQUOT. */
export function isOutOfSpace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** Free bytes on the disk holding `dir` (null when the OS will not say). */
export function freeBytes(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/**
 * SQLite reports a full disk at open as an I/O error (its shared-memory file cannot be sized):
 * when the folder's disk has next to nothing free, say that instead.
 */
export function explainOpenFailure(error: unknown, dataDir: string): Error {
  const free = freeBytes(dataDir);
  if (isOutOfSpace(error) || (free !== null && free < 1024 * 1024 && String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_IOERR'))) {
    return new CoreError('STORE_FULL', `the disk holding ${dataDir} has ${free ?? 'no'} bytes free, too few to open the store (${(error as Error).message}). Free some space and start again; nothing stored is lost.`);
  }
  return error as Error;
}

/**
 * Out of space is a state, not a crash: set by the first failed write, cleared by the next one
 * that succeeds (space came back), so nothing needs a restart.
 */
export class StoreHealth {
  private fullSince: number | null = null;
  private message: string | null = null;

  /** Records a failed write; true when it failed for lack of space. */
  failed(error: unknown): boolean {
    if (!isOutOfSpace(error)) return false;
    this.fullSince ??= Date.now();
    this.message = `the disk holding the data folder is full (${(error as Error).message}): captures are answered 507 until space is freed`;
    return true;
  }

  wrote(): void {
    this.fullSince = null;
    this.message = null;
  }

  get full(): boolean {
    return this.fullSince !== null;
  }

  state(): StoreState {
    return { state: this.full ? 'full' : 'ok', since: this.fullSince, message: this.message };
  }
}
