import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The lowest priority there is: the thread runs on CPU nobody else wants. */
const idlePriority = 19;

/**
 * Puts the calling thread (not the process) at the lowest CPU priority, so derived work fills the
 * cores the receiver and its clients leave idle instead of taking turns with them. Linux only:
 * there setpriority() on a thread id touches just that thread (setpriority(2), "BUGS"), and
 * /proc/thread-self names it. Elsewhere the same call would lower the whole app, so nothing is
 * done. Returns whether it applied.
 */
export function lowerThisThreadsPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    setPriority(tid, idlePriority);
    return true;
  } catch {
    return false;
  }
}
