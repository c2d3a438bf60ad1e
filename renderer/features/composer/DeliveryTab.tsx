import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { MacroDialect, RetryOn, RetryPolicy, SuccessRule, TemplateSpec } from '../../../src/model/sender';
import { describePolicy } from '../../../src/sender/retry-policy';
import { linkProfile } from '../../../src/sender/profile-dialect';
import { grammarOf } from '../../../src/shared/macro-grammars';
import { composerStore, editTemplate, setInsecureTls, setTimeScale } from '../../store/composer';
import { ContainerErrors, FormRow, NumberInput, SelectInput, TextInput } from '../endpoints/fields';
import { DIALECTS, delaysText, formatDelay, parseDelays, policyFor, retryChoice, retryDelays, RETRY_CHOICES, TIME_SCALES } from './template';

export function DeliveryTab({ spec }: { spec: TemplateSpec }) {
  return (
    <div className="composer-form" data-testid="delivery-tab">
      <FormRow label="Macro dialect" hint={<DialectHint spec={spec} />}>
        <SelectInput<MacroDialect>
          field="dialect"
          label="Macro dialect"
          value={spec.dialect}
          options={DIALECTS.map((d) => [d.value, `${d.example}  —  ${d.who}`] as const)}
          onChange={(v) => editTemplate((t) => void (t.dialect = v), 'dialect')}
          testId="template-dialect"
        />
      </FormRow>
      <ProfileRow spec={spec} />
      <RetryEditor spec={spec} />
      <TimeScaleRow />
      <SuccessEditor spec={spec} />
      <Advanced spec={spec} />
    </div>
  );
}

/** Where the dialect comes from: the linked profile, or the user's own choice. */
function DialectHint({ spec }: { spec: TemplateSpec }) {
  const profiles = useStore(composerStore, (s) => s.profiles);
  const profile = spec.profileId == null ? null : (profiles?.find((p) => p.id === spec.profileId) ?? null);
  const base = 'One dialect per template; a token of any other known grammar left in the URL refuses the send.';
  if (!profile) return <>{base}</>;
  if (profile.macroDialect === spec.dialect) return <span data-testid="dialect-from-profile">Taken from the profile “{profile.name}”. {base}</span>;
  return (
    <span className="text-warn" data-testid="dialect-differs">
      The profile “{profile.name}” writes macros as {grammarOf(profile.macroDialect).example}. {base}
    </span>
  );
}

function ProfileRow({ spec }: { spec: TemplateSpec }) {
  const profiles = useStore(composerStore, (s) => s.profiles);
  const error = useStore(composerStore, (s) => s.profilesError);
  const value = spec.profileId == null ? '' : String(spec.profileId);
  const options: Array<readonly [string, string]> = [['', 'None'], ...(profiles ?? []).map((p) => [String(p.id), `${p.name}${p.signature ? ` · ${p.signature.scheme}` : ' · no signature'}`] as const)];
  return (
    <FormRow
      label="Profile"
      hint={
        error ? (
          <span className="text-error">✕ Profiles could not be loaded: {error}</span>
        ) : (
          'Sends are signed with this partner profile’s scheme and secret (kept in Profiles), over the exact bytes sent; the preview shows the signature.'
        )
      }
    >
      <SelectInput<string>
        field="profileId"
        label="Profile for signing"
        value={value}
        options={options}
        onChange={(v) => {
          // The partner's profile says how its macros look: the template takes its dialect.
          const profile = v === '' ? null : ((profiles ?? []).find((p) => p.id === Number(v)) ?? null);
          editTemplate((t) => linkProfile(t, profile ?? (v === '' ? null : { id: Number(v), macroDialect: t.dialect })), 'profileId');
        }}
        testId="template-profile"
      />
    </FormRow>
  );
}

function RetryEditor({ spec }: { spec: TemplateSpec }) {
  const choice = retryChoice(spec.retry);
  const timeScale = useStore(composerStore, (s) => s.timeScale);
  const policy = spec.retry ?? { kind: 'none' };
  const set = (next: RetryPolicy) => editTemplate((t) => void (t.retry = next), 'retry');
  const delays = retryDelays(policy);
  return (
    <FormRow label="Retries">
      <div className="segmented retry-choices" role="group" aria-label="Retry policy">
        {RETRY_CHOICES.map((c) => (
          <button key={c.value} type="button" className="seg" aria-pressed={choice === c.value} title={c.title} onClick={() => set(policyFor(c.value, spec.retry))} data-testid={`retry-${c.value}`}>
            {c.label}
          </button>
        ))}
      </div>
      <ContainerErrors field="retry" />
      {policy.kind === 'exponential' ? (
        <div className="retry-fields">
          <label className="inline-label">
            <span>first delay</span>
            <NumberInput field="retry.baseMs" label="Base delay" value={policy.baseMs} suffix="ms" integer required onChange={(v) => set({ ...policy, baseMs: v ?? NaN })} />
          </label>
          <label className="inline-label">
            <span>× factor</span>
            <NumberInput field="retry.factor" label="Factor" value={policy.factor} required onChange={(v) => set({ ...policy, factor: v ?? NaN })} />
          </label>
          <label className="inline-label">
            <span>attempts</span>
            <NumberInput field="retry.maxAttempts" label="Max attempts (first included)" value={policy.maxAttempts} integer required onChange={(v) => set({ ...policy, maxAttempts: v ?? NaN })} />
          </label>
          <label className="inline-label">
            <span>max delay</span>
            <NumberInput field="retry.maxDelayMs" label="Max delay" value={policy.maxDelayMs} suffix="ms" integer required onChange={(v) => set({ ...policy, maxDelayMs: v ?? NaN })} />
          </label>
          <label className="inline-label">
            <span>jitter</span>
            <NumberInput field="retry.jitter" label="Jitter (0 to 1)" value={policy.jitter} onChange={(v) => set({ ...policy, jitter: v })} />
          </label>
          <RetryOnSelect value={policy.retryOn} onChange={(retryOn) => set({ ...policy, retryOn })} />
        </div>
      ) : policy.kind === 'schedule' ? (
        <div className="retry-fields">
          <ScheduleInput delays={policy.delaysMs} onChange={(delaysMs) => set({ ...policy, delaysMs })} />
          <RetryOnSelect value={policy.retryOn} onChange={(retryOn) => set({ ...policy, retryOn })} />
        </div>
      ) : policy.kind === 'preset' && policy.preset === 'everflow' ? (
        <div className="retry-fields">
          <label className="inline-label">
            <span>disable after</span>
            <NumberInput field="retry.disableAfter" label="Disable after N consecutive failures" value={policy.disableAfter} integer suffix="failures" onChange={(v) => set({ ...policy, disableAfter: v ?? 10 })} />
          </label>
        </div>
      ) : null}
      <RetryPlan policy={policy} delays={delays} timeScale={timeScale} />
    </FormRow>
  );
}

function RetryOnSelect({ value, onChange }: { value: RetryOn | undefined; onChange: (v: RetryOn) => void }) {
  return (
    <label className="inline-label">
      <span>retry on</span>
      <select value={value ?? 'any-failure'} onChange={(e) => onChange(e.target.value as RetryOn)} aria-label="Retry on">
        <option value="any-failure">any failure</option>
        <option value="5xx-or-network">5xx or no response</option>
      </select>
    </label>
  );
}

function ScheduleInput({ delays, onChange }: { delays: number[]; onChange: (d: number[]) => void }) {
  const [text, setText] = useState(delaysText(delays));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const parsed = parseDelays(text);
    if (!parsed.ok || parsed.delays.join() !== delays.join()) setText(delaysText(delays));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [delays]);
  return (
    <span className="field schedule-field">
      <input
        type="text"
        className={`mono ${error ? 'is-invalid' : ''}`}
        value={text}
        aria-label="Delays before each retry"
        aria-invalid={error ? true : undefined}
        placeholder="1m, 5m, 15m, 30m, 1h"
        spellCheck={false}
        data-testid="retry-schedule"
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseDelays(e.target.value);
          setError(parsed.ok ? null : parsed.message);
          if (parsed.ok) onChange(parsed.delays);
        }}
      />
      {error ? <span className="field-error">✕ {error}</span> : <span className="muted small">Delays before each retry, from the previous attempt: 500ms, 30s, 5m, 2h.</span>}
    </span>
  );
}

/** The attempts a send that keeps failing would make, in real time and at the chosen time scale. */
function RetryPlan({ policy, delays, timeScale }: { policy: RetryPolicy; delays: number[]; timeScale: number }) {
  let real = 0;
  const valid = delays.every((d) => Number.isFinite(d));
  return (
    <div className="retry-plan" data-testid="retry-plan">
      <p className="small">
        <span className="muted">Plan:</span> {safeDescribe(policy)}
        {policy.kind === 'exponential' ? <span className="muted"> (plan below without jitter)</span> : null}
      </p>
      {valid && delays.length ? (
        <ol className="plan-steps small num">
          <li>
            <span className="plan-n">#1</span> now
          </li>
          {delays.slice(0, 12).map((d, i) => {
            real += d;
            return (
              <li key={i}>
                <span className="plan-n">#{i + 2}</span> +{formatDelay(d)}
                {timeScale !== 1 ? <span className="plan-scaled"> → {formatDelay(d / timeScale)}</span> : null}
                <span className="muted"> (at {formatDelay(real / timeScale)})</span>
              </li>
            );
          })}
          {delays.length > 12 ? <li className="muted">… {delays.length - 12} more</li> : null}
        </ol>
      ) : policy.kind !== 'none' && valid ? (
        <p className="muted small">No retry after a failure{policy.kind === 'preset' && policy.preset === 'everflow' ? '; the destination is disabled after the failures in a row' : ''}.</p>
      ) : null}
    </div>
  );
}

function safeDescribe(policy: RetryPolicy): string {
  try {
    return describePolicy(policy);
  } catch {
    return 'incomplete';
  }
}

function TimeScaleRow() {
  const timeScale = useStore(composerStore, (s) => s.timeScale);
  const known = TIME_SCALES.some(([v]) => v === timeScale);
  const [custom, setCustom] = useState(!known);
  return (
    <FormRow label="Time scale" hint="Retry delays are divided by this, so a 24-hour plan can be watched in a minute. Not saved with the template: it applies to sends from here.">
      <div className="time-scale">
        <select
          value={custom ? 'custom' : String(timeScale)}
          aria-label="Time scale"
          data-testid="time-scale"
          onChange={(e) => {
            if (e.target.value === 'custom') setCustom(true);
            else {
              setCustom(false);
              setTimeScale(Number(e.target.value));
            }
          }}
        >
          {TIME_SCALES.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
        {custom ? (
          <NumberInput field="timeScale" label="Custom time scale" value={timeScale} suffix="×" onChange={(v) => v !== undefined && v > 0 && setTimeScale(v)} />
        ) : null}
      </div>
    </FormRow>
  );
}

type StatusMode = '2xx' | 'codes';

function SuccessEditor({ spec }: { spec: TemplateSpec }) {
  const rule: SuccessRule = spec.success ?? {};
  const statusMode: StatusMode = rule.status === undefined || rule.status === '2xx' ? '2xx' : 'codes';
  const codes = Array.isArray(rule.status) ? rule.status.join(', ') : typeof rule.status === 'number' ? String(rule.status) : '';
  const [codeText, setCodeText] = useState(codes);
  useEffect(() => setCodeText(codes), [codes]);
  const setRule = (next: SuccessRule) =>
    editTemplate((t) => {
      if (next.status === undefined && !next.body) delete t.success;
      else t.success = next;
    }, 'success');
  return (
    <FormRow label="Delivered when" hint="Partners differ: any 2xx, one status, or a body such as OK, success=true; or {transaction_id}:OK (macros allowed).">
      <div className="success-line">
        <select
          value={statusMode}
          aria-label="Status rule"
          onChange={(e) => setRule({ ...rule, status: e.target.value === '2xx' ? '2xx' : 200 })}
          data-testid="success-status-mode"
        >
          <option value="2xx">status is any 2xx</option>
          <option value="codes">status is exactly</option>
        </select>
        {statusMode === 'codes' ? (
          <input
            type="text"
            className="mono status-codes"
            value={codeText}
            aria-label="Status codes"
            placeholder="200, 204"
            onChange={(e) => {
              setCodeText(e.target.value);
              const list = e.target.value.split(/[\s,]+/).filter(Boolean).map(Number);
              if (list.length && list.every((n) => Number.isInteger(n) && n >= 100 && n <= 599)) setRule({ ...rule, status: list.length === 1 ? list[0]! : list });
            }}
          />
        ) : null}
      </div>
      <div className="success-line">
        <select
          value={rule.body?.mode ?? 'none'}
          aria-label="Body rule"
          data-testid="success-body-mode"
          onChange={(e) => {
            const mode = e.target.value;
            if (mode === 'none') {
              const { body: _b, ...rest } = rule;
              setRule(rest);
            } else setRule({ ...rule, body: { mode: mode as 'equals' | 'contains' | 'regex', value: rule.body?.value ?? 'OK' } });
          }}
        >
          <option value="none">and any body</option>
          <option value="equals">and the body equals</option>
          <option value="contains">and the body contains</option>
          <option value="regex">and the body matches the regex</option>
        </select>
        {rule.body ? (
          <TextInput field="success" label="Body to match" mono value={rule.body.value} onChange={(v) => setRule({ ...rule, body: { ...rule.body!, value: v } })} testId="success-body-value" />
        ) : null}
      </div>
    </FormRow>
  );
}

function Advanced({ spec }: { spec: TemplateSpec }) {
  const insecureTls = useStore(composerStore, (s) => s.insecureTls);
  return (
    <details className="composer-advanced">
      <summary>Advanced: timeout, redirects, idempotency header, TLS</summary>
      <div className="composer-form">
        <FormRow label="Timeout" hint="Per attempt: connect, response head and body together. Empty: the sender’s default (10 s).">
          <NumberInput field="timeoutMs" label="Timeout" value={spec.timeoutMs} integer suffix="ms" onChange={(v) => editTemplate((t) => (v === undefined ? void delete t.timeoutMs : void (t.timeoutMs = v)), 'timeoutMs')} />
        </FormRow>
        <FormRow label="Redirects">
          <label className="check">
            <input type="checkbox" checked={spec.followRedirects === true} onChange={(e) => editTemplate((t) => (e.target.checked ? void (t.followRedirects = true) : void delete t.followRedirects), 'followRedirects')} />
            Follow redirects (partners such as Adjust do not)
          </label>
        </FormRow>
        <FormRow label="Idempotency" hint="The same key goes with every attempt of one postback. Empty name: no header.">
          <TextInput
            field="idempotencyHeader"
            label="Idempotency header name"
            mono
            value={spec.idempotencyHeader === null ? '' : (spec.idempotencyHeader ?? 'Idempotency-Key')}
            onChange={(v) => editTemplate((t) => void (t.idempotencyHeader = v.trim() === '' ? null : v), 'idempotencyHeader')}
          />
        </FormRow>
        <FormRow label="TLS">
          <label className="check">
            <input type="checkbox" checked={insecureTls} onChange={(e) => setInsecureTls(e.target.checked)} />
            Accept invalid certificates (test servers only; not saved with the template)
          </label>
        </FormRow>
      </div>
    </details>
  );
}
