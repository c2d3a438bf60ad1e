import { useStore } from 'zustand';
import type { BaselineResult } from '../../src/model/comparison';
import { useBaselineSync } from '../store/baselines';
import { diffStore } from '../store/diff';
import '../styles/diff.css';

const EMPTY: readonly BaselineResult[] = [];

export function baselineTitle(r: BaselineResult): string {
  const verdict = r.matches ? 'matches' : `${r.differences} difference${r.differences === 1 ? '' : 's'}`;
  return `${r.scope} #${r.scopeId} baseline (postback #${r.baselineExchangeId}): ${verdict} — ${r.summary}`;
}

/**
 * How a capture compares with the golden baseline of its endpoint / profile: "matches baseline",
 * or "N differences" with the summary on hover. Colour and a word, never colour alone.
 */
export function BaselineBadge({ id }: { id: number }) {
  useBaselineSync();
  const results = useStore(diffStore, (s) => s.baselineResults[id] ?? EMPTY);
  if (results.length === 0) return null;
  const failing = results.filter((r) => !r.matches);
  const title = results.map(baselineTitle).join('\n');
  if (failing.length === 0) {
    return (
      <span className="badge badge-baseline is-match" title={title} data-testid="baseline-badge" data-matches="true">
        ✓ matches baseline
      </span>
    );
  }
  const n = Math.max(...failing.map((r) => r.differences));
  return (
    <span className="badge badge-baseline is-diff" title={title} data-testid="baseline-badge" data-matches="false">
      ≠ {n} difference{n === 1 ? '' : 's'}
    </span>
  );
}
