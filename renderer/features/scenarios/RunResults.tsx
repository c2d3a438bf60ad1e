import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { ScenarioItem, ScenarioRun } from '../../../src/model/scenario-run';
import { InlineError } from '../../components/InlineError';
import { formatDuration } from '../../lib/format';
import { scenariosStore } from '../../store/scenarios';
import { ResultRow } from './ResultRow';

const HEADLINE: Record<ScenarioRun['status'], string> = {
  setup: 'Setting up profiles, endpoints and templates…',
  running: 'Running…',
  passed: 'Passed',
  failed: 'Failed',
  error: 'Stopped',
};

function counts(items: readonly ScenarioItem[]): string {
  const by = (s: ScenarioItem['status']) => items.filter((x) => x.status === s).length;
  const parts = [`${by('pass')} passed`, `${by('fail')} failed`];
  if (by('error')) parts.push(`${by('error')} errors`);
  if (by('skipped')) parts.push(`${by('skipped')} skipped`);
  return parts.join(', ');
}

/** The run as it happens: the whole plan listed at once, each row turning ✓ or ✕ as the runner gets to it. */
export function RunResults({ onLine }: { onLine: (line: number) => void }) {
  const run = useStore(scenariosStore, (s) => s.run);
  const error = useStore(scenariosStore, (s) => s.error);
  const scrollRef = useRef<HTMLDivElement>(null);
  const ended = run !== null && run.finishedAt !== null ? `${run.id}:${run.status}` : null;
  useEffect(() => {
    // A failure further down must not go unseen: bring the first one into view when the run ends.
    if (ended) scrollRef.current?.querySelector('.sc-row.is-fail, .sc-row.is-error')?.scrollIntoView({ block: 'nearest' });
  }, [ended]);
  return (
    <section className="sc-results" aria-label="Results" data-testid="scenario-results">
      {error ? <InlineError title="The plan did not run">{error}</InlineError> : null}
      {run === null ? (
        error ? null : (
          <p className="muted pad">Load an example or open a plan, then Run: each step and expectation shows here as it happens, with links to the postbacks it sent or matched.</p>
        )
      ) : (
        <>
          <header className={`sc-summary is-${run.status}`} data-testid="scenario-summary" data-status={run.status}>
            <span className="sc-summary-mark" aria-hidden="true">
              {run.status === 'passed' ? '✓' : run.status === 'failed' || run.status === 'error' ? '✕' : '●'}
            </span>
            <strong>{HEADLINE[run.status]}</strong>
            <span className="sc-plan-name">{run.plan}</span>
            <span className="spacer" />
            <span className="muted num small">
              {counts(run.expectations)}
              {run.finishedAt !== null ? ` · ${formatDuration(run.finishedAt - run.startedAt)}` : ''}
            </span>
          </header>
          {run.error ? <InlineError title="The run stopped">{run.error}</InlineError> : null}
          <div className="sc-scroll" ref={scrollRef}>
            <h3 className="sc-section">Steps</h3>
            {run.steps.length === 0 ? <p className="muted pad">This plan has no steps.</p> : null}
            <ol className="sc-list" data-testid="scenario-steps">
              {run.steps.map((item) => (
                <ResultRow key={item.index} item={item} onLine={onLine} />
              ))}
            </ol>
            <h3 className="sc-section">Expectations</h3>
            <ol className="sc-list" data-testid="scenario-expectations">
              {run.expectations.map((item) => (
                <ResultRow key={item.index} item={item} onLine={onLine} />
              ))}
            </ol>
          </div>
        </>
      )}
    </section>
  );
}
