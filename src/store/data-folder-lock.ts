import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../errors.js';

/** Who holds a data folder, for the message a second instance prints and for CLIs that forward to it. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  /** Set once the holder's control API listens. */
  controlUrl?: string;
  /** The holder's per-launch control token (the file is readable by the user only). */
  token?: string;
}

export interface DataFolderLock {
  /** Tells later comers where the holder's control API is. */
  announce(controlUrl: string, token: string): void;
  release(): void;
}

const lockFileName = 'instance.lock';
const holderFileName = 'instance.json';

/**
 * One app per data folder. The lock is an SQLite file held in exclusive locking mode: the OS drops
 * it when the process ends, even on kill -9, so a crash never leaves a stale lock and no pid has to
 * be trusted. Two instances on one folder would both resume the outbox and send postbacks twice.
 */
export function acquireDataFolderLock(dataDir: string, options: { nativeBinding?: string } = {}): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const holderFile = join(dataDir, holderFileName);
  const db = new Database(join(dataDir, lockFileName), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    // In exclusive locking mode the lock BEGIN EXCLUSIVE takes is kept until the connection closes.
    // Nothing is written (past the file's first creation), so a full disk cannot refuse it.
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new CoreError('DATA_FOLDER_LOCKED', describeHolder(dataDir, readLockHolder(dataDir)));
  }
  const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString() };
  writeHolder(holderFile, holder);
  return {
    announce(controlUrl, token) {
      writeHolder(holderFile, { ...holder, controlUrl, token });
    },
    release() {
      rmSync(holderFile, { force: true });
      db.close();
    },
  };
}

/** The running instance of a data folder, or null when none holds it (or it says nothing). */
export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, holderFileName), 'utf8')) as LockHolder;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function describeHolder(dataDir: string, holder: LockHolder | null): string {
  const who = holder ? `pid ${holder.pid}, running since ${holder.startedAt}${holder.controlUrl ? `, control API ${holder.controlUrl}` : ''}` : 'a process that has not said who it is';
  return `${dataDir} is held by ${who}. Stop it, or choose another data folder.`;
}

function writeHolder(file: string, holder: LockHolder): void {
  try {
    // The token lets the user's own CLIs reach the running app: readable by the user only.
    writeFileSync(file, JSON.stringify(holder) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch {
    // A full disk: the lock holds all the same; a second instance just cannot say who holds it.
    rmSync(file, { force: true });
  }
}
