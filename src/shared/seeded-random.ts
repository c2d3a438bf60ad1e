/**
 * mulberry32: a tiny, well-known 32-bit generator. "Fail 10% with seed 42" must fail the same
 * requests in every run, so a QA engineer can reproduce a sender's behaviour exactly.
 */
export function seededUnit(seed: number, n: number): number {
  let t = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(n | 0, 0x85ebca6b)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
