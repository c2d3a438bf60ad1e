import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { lowerThisThreadsPriority } from '../../src/pipeline/thread-priority.js';
import { startCore, type TestCore } from '../helpers/core.js';

/** Nice value of each thread of this process (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return nice;
}

const linux = process.platform === 'linux';
if (!linux) console.warn('derivation-priority: thread priorities are only set on Linux; the checks below expect nothing changed');

describe('the derivation thread yields the CPU to the receiver', () => {
  let tc: TestCore | null = null;
  afterEach(async () => {
    await tc?.close();
    tc = null;
  });

  it('never lowers the main thread (it would slow the receiver down with it)', () => {
    expect(lowerThisThreadsPriority()).toBe(false);
    if (linux) expect(threadNiceness().get(process.pid)).toBe(0);
  });

  it('runs at the lowest priority while the receiver’s thread keeps its own', async () => {
    const before = threadNiceness();
    tc = await startCore();
    await tc.core.derived.settle();
    const after = threadNiceness();
    const lowered = [...after].filter(([tid, nice]) => nice === 19 && !before.has(tid));
    if (linux) expect(lowered.length).toBeGreaterThanOrEqual(1);
    else expect(lowered).toEqual([]);
    expect(after.get(process.pid)).toBe(before.get(process.pid));
  });
});
