import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { BulkProgress, BulkSummary, TemplateSpec } from '../../../src/model/sender';
import { failurePercentError, injectedFailureHeader } from '../../../src/shared/injected-failure';
import { useDelayed } from '../../components/Skeleton';
import { formatCount, formatDuration } from '../../lib/format';
import { composerStore, currentVars, type GeneratorChoice } from '../../store/composer';
import { cancelBulk, currentBulkConfig, editBulkConfig, startBulk } from '../../store/composer-bulk';
import { outboxStore } from '../../store/outbox';
import { FieldErrorsContext, FormRow, NumberInput } from '../endpoints/fields';
import { normalizeName, type TemplateMacro } from './template';
import { ErrorNote } from '../../components/ErrorNote';

type Kind = GeneratorChoice['kind'];

const KINDS: ReadonlyArray<readonly [Kind, string]> = [
  ['fixed', 'fixed (Values tab)'],
  ['sequence', 'sequence'],
  ['list', 'random from a list'],
  ['uuid', 'uuid'],
  ['random-number', 'random number'],
];

function generatorFor(kind: Kind, name: string): GeneratorChoice {
  switch (kind) {
    case 'fixed':
      return { kind: 'fixed' };
    case 'sequence':
      return { kind: 'sequence', start: 1, step: 1, prefix: `${name}-`, pad: 0 };
    case 'list':
      return { kind: 'list', values: ['install', 'purchase'], order: 'random' };
    case 'uuid':
      return { kind: 'uuid' };
    case 'random-number':
      return { kind: 'random-number', min: 0.5, max: 5, decimals: 2 };
  }
}

/** A reasonable generator for a macro by its name: ids get sequences, payouts numbers. */
function guessKind(name: string): Kind {
  const key = normalizeName(name);
  if (/clickid|subid|transactionid|txid|cid|s1/.test(key)) return 'sequence';
  if (/payout|revenue|sum|amount/.test(key)) return 'random-number';
  return 'fixed';
}

export function BulkTab({ spec, macros }: { spec: TemplateSpec; macros: TemplateMacro[] }) {
  const config = useStore(composerStore, currentBulkConfig);
  const vars = useStore(composerStore, currentVars);
  const { runId, starting, error } = useStore(composerStore, useShallow((s) => ({ runId: s.bulkRunId, starting: s.bulkStarting, error: s.bulkError })));
  const run = useStore(outboxStore, (s) => (runId ? (s.bulk[runId] ?? null) : null));
  const startingSlow = useDelayed(starting);
  const running = run !== null && !run.done;
  const percentError = failurePercentError(config.failurePercent);
  const seedInvalid = config.failureSeed !== undefined && !Number.isInteger(config.failureSeed);

  return (
    <div className="composer-form bulk-tab" data-testid="bulk-tab">
      <p className="muted small">
        Simulate N conversions from this template: each gets its own values from the generators below, goes through the outbox like any send and is recorded.
      </p>
      <FormRow label="Conversions">
        <div className="bulk-numbers">
          <label className="inline-label">
            <span>count</span>
            <NumberInput field="bulk.count" label="Number of conversions" value={config.count} integer required onChange={(v) => editBulkConfig((c) => void (c.count = v ?? NaN))} />
          </label>
          <label className="inline-label">
            <span>concurrency</span>
            <NumberInput field="bulk.concurrency" label="Postbacks in flight at once" value={config.concurrency} integer required onChange={(v) => editBulkConfig((c) => void (c.concurrency = v ?? NaN))} />
          </label>
          <label className="inline-label">
            <span>rate limit</span>
            <NumberInput field="bulk.rate" label="Conversions started per second (empty: no limit)" value={config.ratePerSecond || undefined} suffix="/s" onChange={(v) => editBulkConfig((c) => void (c.ratePerSecond = v ?? 0))} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={config.useRetry} onChange={(e) => editBulkConfig((c) => void (c.useRetry = e.target.checked))} />
          Retry with the template’s policy{spec.retry && spec.retry.kind !== 'none' ? '' : ' (it has none)'} — off by default: a 15-minute plan would keep the run open
        </label>
        <label className="check">
          <input type="checkbox" checked={config.recordBeforeSend ?? false} onChange={(e) => editBulkConfig((c) => void (c.recordBeforeSend = e.target.checked))} data-testid="bulk-record-before-send" />
          Record each postback before it leaves, as single sends do — the history then matches the wire even after a crash; slower (a write per postback)
        </label>
      </FormRow>
      <FieldErrorsContext.Provider value={new Map(percentError ? [['bulk.failurePercent', percentError]] : [])}>
        <FormRow label="Failures">
          <div className="bulk-numbers">
            <label className="inline-label">
              <span>fail</span>
              <NumberInput
                field="bulk.failurePercent"
                label="Share of postbacks that fail (0–100)"
                value={config.failurePercent || undefined}
                suffix="%"
                testId="bulk-failure-percent"
                onChange={(v) => editBulkConfig((c) => void (c.failurePercent = v ?? 0))}
              />
            </label>
            <label className="inline-label">
              <span>seed</span>
              <NumberInput field="bulk.failureSeed" label="Seed: which postbacks fail" value={config.failureSeed ?? 1} integer onChange={(v) => editBulkConfig((c) => void (c.failureSeed = v ?? 1))} />
            </label>
          </div>
          <p className="muted small">
            The chosen postbacks carry <code className="mono">{injectedFailureHeader}</code>, which this app’s receiver answers with a real 500 on every attempt: retries run to
            their give-up rule and the delivery rate drops by exactly that share. The same seed fails the same conversions. A partner elsewhere ignores the header.
          </p>
        </FormRow>
      </FieldErrorsContext.Provider>
      <FormRow label="Values">
        {macros.length === 0 ? (
          <p className="muted small">The template has no macros: every conversion sends the same request.</p>
        ) : (
          <ul className="generator-rows" aria-label="Value generators">
            {macros.map((m) => {
              const g = config.generators[m.name] ?? { kind: 'fixed' as const };
              const setG = (next: GeneratorChoice) => editBulkConfig((c) => void (c.generators[m.name] = next));
              const fixed = Object.entries(vars).find(([n]) => normalizeName(n) === m.key)?.[1];
              return (
                <li key={m.key} className="generator-row" data-testid="generator-row">
                  <code className="mono value-token">{m.token}</code>
                  <select value={g.kind} aria-label={`Generator for ${m.token}`} onChange={(e) => setG(generatorFor(e.target.value as Kind, m.name))} data-testid={`generator-${m.key}`}>
                    {KINDS.map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <GeneratorFields g={g} onChange={setG} fixed={fixed} />
                </li>
              );
            })}
          </ul>
        )}
        {macros.some((m) => !config.generators[m.name] && guessKind(m.name) !== 'fixed') ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              editBulkConfig((c) => {
                for (const m of macros) if (!c.generators[m.name]) c.generators[m.name] = generatorFor(guessKind(m.name), m.name);
              })
            }
          >
            Suggest generators (ids: sequence, payouts: random)
          </button>
        ) : null}
      </FormRow>
      <div className="bulk-actions">
        <button type="button" className="btn btn-accent" onClick={() => void startBulk()} disabled={starting || running || !(config.count >= 1) || percentError !== null || seedInvalid} data-testid="bulk-start">
          {startingSlow ? 'Starting…' : `Send ${Number.isFinite(config.count) ? formatCount(config.count) : '…'} conversions`}
        </button>
        {running ? (
          <button type="button" className="btn" onClick={() => void cancelBulk()} data-testid="bulk-cancel" title="Stop starting new conversions; those in flight finish">
            Stop
          </button>
        ) : null}
        {macros.some((m) => (config.generators[m.name]?.kind ?? 'fixed') !== 'fixed') ? (
          <span className="muted small">The preview shows one send: generated values are not in it.</span>
        ) : null}
        <ErrorNote error={error} testId="bulk-error" />
      </div>
      {run ? <BulkRunView run={run} /> : null}
    </div>
  );
}

function GeneratorFields({ g, onChange, fixed }: { g: GeneratorChoice; onChange: (g: GeneratorChoice) => void; fixed: string | undefined }) {
  switch (g.kind) {
    case 'fixed':
      return <span className="muted small mono generator-note">{fixed === undefined ? 'no value set: default or built-in' : fixed === '' ? '(empty)' : fixed}</span>;
    case 'uuid':
      return <span className="muted small generator-note">a new UUID per conversion</span>;
    case 'sequence':
      return (
        <span className="generator-fields">
          <label className="gen-field">
            <span>prefix</span>
            <input type="text" className="mono gen-prefix" value={g.prefix ?? ''} aria-label="Prefix" onChange={(e) => onChange({ ...g, prefix: e.target.value })} />
          </label>
          <label className="gen-field">
            <span>from</span>
            <NumberInput field="gen.start" label="Start" value={g.start} integer onChange={(v) => onChange({ ...g, start: v })} />
          </label>
          <label className="gen-field">
            <span>step</span>
            <NumberInput field="gen.step" label="Step" value={g.step} integer onChange={(v) => onChange({ ...g, step: v })} />
          </label>
          <label className="gen-field">
            <span>pad</span>
            <NumberInput field="gen.pad" label="Zero-pad to digits" value={g.pad} integer onChange={(v) => onChange({ ...g, pad: v })} />
          </label>
          <span className="muted small mono gen-sample">
            {`${g.prefix ?? ''}${String(g.start ?? 1).padStart(g.pad ?? 0, '0')}, ${g.prefix ?? ''}${String((g.start ?? 1) + (g.step ?? 1)).padStart(g.pad ?? 0, '0')}, …`}
          </span>
        </span>
      );
    case 'list':
      return (
        <span className="generator-fields">
          <input
            type="text"
            className="mono gen-list"
            defaultValue={g.values.join(', ')}
            aria-label="Values, comma-separated"
            placeholder="install, purchase"
            onChange={(e) => onChange({ ...g, values: e.target.value.split(',').map((v) => v.trim()).filter((v) => v !== '') })}
          />
          <select value={g.order ?? 'random'} aria-label="Order" onChange={(e) => onChange({ ...g, order: e.target.value as 'random' | 'cycle' })}>
            <option value="random">random</option>
            <option value="cycle">in turn</option>
          </select>
        </span>
      );
    case 'random-number':
      return (
        <span className="generator-fields">
          <label className="gen-field">
            <span>from</span>
            <NumberInput field="gen.min" label="Min" value={g.min} onChange={(v) => onChange({ ...g, min: v })} />
          </label>
          <label className="gen-field">
            <span>to</span>
            <NumberInput field="gen.max" label="Max" value={g.max} onChange={(v) => onChange({ ...g, max: v })} />
          </label>
          <label className="gen-field">
            <span>decimals</span>
            <NumberInput field="gen.decimals" label="Decimals" value={g.decimals} integer onChange={(v) => onChange({ ...g, decimals: v })} />
          </label>
        </span>
      );
  }
}

const pct = (n: number, total: number) => (total > 0 ? `${(n / total) * 100}%` : '0%');

export function BulkRunView({ run }: { run: BulkProgress | BulkSummary }) {
  const summary = 'deliveryRate' in run ? run : null;
  const inFlight = Math.max(0, run.sent - run.completed);
  return (
    <section className={`bulk-run ${run.done ? 'is-done' : ''}`} aria-label="Bulk run" data-testid="bulk-run" data-done={run.done ? 'true' : 'false'}>
      <div className="bulk-progress-head">
        <strong>{run.done ? 'Finished' : 'Running'}</strong>
        <span className="num">
          {formatCount(run.completed + run.refused)} / {formatCount(run.total)}
        </span>
        <span className="muted small num">
          ✓ {formatCount(run.delivered)} delivered · ✕ {formatCount(run.failed)} failed{run.refused ? ` · ⊘ ${formatCount(run.refused)} refused` : ''}
          {inFlight ? ` · ${formatCount(inFlight)} in flight` : ''}
          {summary ? ` · ${formatCount(summary.attempts)} attempts · ↻ ${formatCount(summary.retried)} retried` : ''}
          {run.injected ? ` · ⚡ ${formatCount(run.injected)} marked to fail` : ''}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.completed + run.refused}
        aria-label="Conversions finished"
        data-testid="bulk-progress"
      >
        <span className="progress-ok" style={{ width: pct(run.delivered, run.total) }} />
        <span className="progress-fail" style={{ width: pct(run.failed, run.total) }} />
        <span className="progress-refused" style={{ width: pct(run.refused, run.total) }} />
        <span className="progress-flight" style={{ width: pct(inFlight, run.total) }} />
      </div>
      {summary ? (
        <dl className="bulk-summary num" data-testid="bulk-summary">
          <div>
            <dt>Sent</dt>
            <dd>{formatCount(summary.sent)}</dd>
          </div>
          <div>
            <dt>Delivered</dt>
            <dd className="text-ok">{formatCount(summary.delivered)}</dd>
          </div>
          <div>
            <dt>Failed</dt>
            <dd className={summary.failed ? 'text-error' : ''}>{formatCount(summary.failed)}</dd>
          </div>
          <div>
            <dt title="First attempts and retries of the run's postbacks">Attempts</dt>
            <dd data-testid="bulk-attempts">{formatCount(summary.attempts)}</dd>
          </div>
          <div>
            <dt title="Postbacks that needed more than one attempt: delivered in the end, yet the partner failed first">Retried</dt>
            <dd className={summary.retried ? 'text-warn' : ''} data-testid="bulk-retried">
              {formatCount(summary.retried)}
            </dd>
          </div>
          {summary.failureInjection ? (
            <div>
              <dt title={`Postbacks sent with ${injectedFailureHeader}: this app's receiver answers them 500 on every attempt`}>Injected failures</dt>
              <dd data-testid="bulk-injected">
                {formatCount(summary.injected)}{' '}
                <span className="muted">
                  ({summary.failureInjection.percent}%, seed {summary.failureInjection.seed})
                </span>
              </dd>
            </div>
          ) : null}
          {summary.refused ? (
            <div>
              <dt>Refused</dt>
              <dd className="text-warn">{formatCount(summary.refused)}</dd>
            </div>
          ) : null}
          <div>
            <dt title="Delivered ÷ conversions">Delivery rate</dt>
            <dd data-testid="bulk-delivery-rate">{(summary.deliveryRate * 100).toFixed(summary.deliveryRate === 1 || summary.deliveryRate === 0 ? 0 : 1)}%</dd>
          </div>
          <div className="bulk-latency">
            <dt title="Conversion to delivered postback, retries included">Latency p50 / p90 / p99</dt>
            <dd>{summary.latencyMs ? `${formatDuration(summary.latencyMs.p50)} / ${formatDuration(summary.latencyMs.p90)} / ${formatDuration(summary.latencyMs.p99)}` : '–'}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>
              {formatDuration(summary.durationMs)} <span className="muted">({summary.perSecond}/s)</span>
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
