import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { FieldError } from '../../../src/model/endpoint';
import type { SecretEncodingName, SecretKind } from '../../../src/model/profile';
import { api, errorMessage } from '../../api/client';
import { fieldErrorsOf } from '../../api/profiles';
import { verdictsApi, type VerifyRequest, type VerifyResult } from '../../api/verdicts';
import { Icon } from '../../components/Icon';
import { InlineError } from '../../components/InlineError';
import { useDelayed } from '../../components/Skeleton';
import { VerdictMark } from '../../components/VerdictBadge';
import { editProfile, editSecret, newProfile, profilesStore, selectProfile, setProfileTab, showPanel, useSchemes } from '../../store/profiles';
import { select, selectionStore } from '../../store/selection';
import { settingsStore } from '../../store/settings';
import { errorsByField } from '../endpoints/draft';
import { FieldErrorsContext, FormRow, NumberInput, SelectInput, TextInput, fieldDomId, useFieldError } from '../endpoints/fields';
import { ENCODINGS, KINDS } from '../profiles/ProfileSignatureTab';
import { SchemeOptions, signsUrl, usesPublicKey } from './SchemeOptions';
import { SchemePicker, SchemeSources } from './SchemePicker';
import { SignatureExplain } from './SignatureExplain';
import { editWorkbench, takeProfileSignature, workbenchStore, type WorkbenchState } from './workbench-store';

const DEBOUNCE_MS = 250;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** Errors shown under their own input; the others are listed with the summary. */
const INLINE_FIELDS: ReadonlySet<string> = new Set(['raw', 'rawBase64', 'secret', 'secret.secret', 'url', 'now', 'scheme', 'options']);

function requestOf(s: WorkbenchState): VerifyRequest | null {
  const body: VerifyRequest = {};
  if (s.source === 'exchange') {
    if (s.exchangeId === null) return null;
    body.exchangeId = s.exchangeId;
  } else {
    if (!s.raw.trim()) return null;
    body.raw = s.raw;
  }
  if (s.profileId !== null) body.profileId = s.profileId;
  if (s.scheme) {
    body.scheme = s.scheme;
    body.options = s.options;
  }
  if (s.secret !== '') body.secret = { secret: s.secret, encoding: s.secretEncoding, kind: s.secretKind };
  if (s.url.trim()) body.url = s.url.trim();
  if (s.now.trim() && Number.isFinite(Number(s.now))) body.now = Number(s.now);
  return body;
}

type Outcome = { result: VerifyResult; error: null } | { result: VerifyResult | null; error: { message: string; fields: FieldError[] } };

/** The last outcome and the inputs it answers (kept across remounts; in memory only, secrets are masked in it). */
let last: { key: string; outcome: Outcome | null } | null = null;

/**
 * Paste a raw request or use a captured one, choose a scheme and its options, type a secret: the
 * canonical string and the result follow as you type (POST /api/verify, debounced).
 */
export function Workbench() {
  const state = useStore(workbenchStore);
  const { schemes } = useSchemes();
  const profiles = useStore(profilesStore, (s) => s.items);
  const body = useMemo(() => requestOf(state), [state]);
  const bodyKey = JSON.stringify(body);
  // Coming back to the workbench shows the last result at once instead of an empty pane.
  const [outcome, setOutcomeState] = useState<Outcome | null>(() => (last?.key === bodyKey ? last.outcome : null));
  const setOutcome = (next: Outcome | null | ((o: Outcome | null) => Outcome | null)) =>
    setOutcomeState((o) => {
      const value = typeof next === 'function' ? next(o) : next;
      last = { key: bodyKey, outcome: value };
      return value;
    });
  const [inFlight, setInFlight] = useState(false);
  const dim = useDelayed(inFlight, 150);

  useEffect(() => {
    if (!body) {
      setOutcome(null);
      setInFlight(false);
      return;
    }
    const abort = new AbortController();
    setInFlight(true);
    const timer = setTimeout(() => {
      verdictsApi.verify(body, abort.signal).then(
        (result) => {
          setOutcome({ result, error: null });
          setInFlight(false);
        },
        (err: unknown) => {
          if ((err as Error).name === 'AbortError') return;
          setOutcome((o) => ({ result: o?.result ?? null, error: { message: errorMessage(err), fields: fieldErrorsOf(err) } }));
          setInFlight(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bodyKey]);

  const errorMap = useMemo(() => errorsByField(outcome?.error?.fields ?? []), [outcome]);
  const scheme = schemes?.find((s) => s.id === state.scheme) ?? null;
  const profile = profiles.find((p) => p.id === state.profileId) ?? null;

  return (
    <FieldErrorsContext.Provider value={errorMap}>
      <div className="workbench" data-testid="workbench">
        <header className="workbench-head">
          <h2>Signature workbench</h2>
          <span className="muted small">Nothing here is saved until you apply it to a profile. The secret stays in this tab’s memory.</span>
          <span className="spacer" />
          <button type="button" className="btn btn-small" onClick={() => showPanel('editor')} data-testid="workbench-close" title="Back to the profiles">
            <Icon name="profiles" size={14} />
            Profiles
          </button>
          {state.returnTo !== null ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                select(state.returnTo);
                settingsStore.getState().setView('inbox');
              }}
              data-testid="workbench-back"
            >
              ← Back to postback #{state.returnTo}
            </button>
          ) : null}
        </header>
        <div className="workbench-body">
          <div className="workbench-inputs">
            <RequestInput state={state} />
            <section className="wb-section">
              <h3 className="section-title">Profile</h3>
              <FormRow label="Check with" htmlFor="wb-profile" hint={profile ? 'Its param spec is checked; its stored secret is used unless you type one below.' : 'No profile: only the signature and the always-on checks.'}>
                <select
                  id="wb-profile"
                  value={state.profileId ?? ''}
                  onChange={(e) => takeProfileSignature(e.target.value === '' ? null : Number(e.target.value))}
                  data-testid="wb-profile"
                >
                  <option value="">No profile</option>
                  {profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                      {p.signature ? ` — ${p.signature.scheme}` : ''}
                    </option>
                  ))}
                </select>
              </FormRow>
            </section>
            <section className="wb-section">
              <h3 className="section-title">Scheme</h3>
              <FormRow label="Scheme" htmlFor={fieldDomId('scheme')}>
                {schemes ? (
                  <SchemePicker
                    schemes={schemes}
                    value={state.scheme}
                    field="scheme"
                    noneLabel={profile?.signature ? 'The profile’s scheme' : 'No signature (params only)'}
                    testId="wb-scheme"
                    onChange={(id) => editWorkbench({ scheme: id, options: id && profile?.signature?.scheme === id ? { ...(profile.signature.options ?? {}) } : {} })}
                  />
                ) : (
                  <span className="skeleton-bar" style={{ width: 220 }} />
                )}
                {scheme ? <SchemeSources scheme={scheme} /> : null}
              </FormRow>
              {scheme ? (
                <div className="options-box">
                  <SchemeOptions scheme={scheme} options={state.options} field="options" onChange={(options) => editWorkbench({ options })} />
                </div>
              ) : null}
              {scheme && signsUrl(scheme, state.options) ? (
                <FormRow label="URL as signed" htmlFor={fieldDomId('url')} hint="Scheme and host the sender signed, when it differs from what the inspector received.">
                  <TextInput field="url" label="URL as the sender signed it" value={state.url} mono placeholder="https://partner-facing.example" onChange={(url) => editWorkbench({ url })} />
                </FormRow>
              ) : null}
            </section>
            <SecretInput state={state} storedMask={profile?.secret?.masked ?? null} />
            <section className="wb-section">
              <FormRow label="Verify as of" htmlFor={fieldDomId('now')} hint="Unix seconds, for timestamp tolerances. Empty: the capture time, or now for a pasted request.">
                <NumberInput field="now" label="Verify as of (unix seconds)" value={state.now === '' ? undefined : Number(state.now)} integer className="ts-input" onChange={(n) => editWorkbench({ now: n === undefined ? '' : String(n) })} />
              </FormRow>
            </section>
          </div>
          <div className={`workbench-result ${dim ? 'is-stale' : ''}`} aria-live="polite" aria-busy={inFlight} data-testid="workbench-result">
            <Result outcome={outcome} hasInput={body !== null} state={state} />
          </div>
        </div>
      </div>
    </FieldErrorsContext.Provider>
  );
}

function RequestInput({ state }: { state: WorkbenchState }) {
  const selectedId = useStore(selectionStore, (s) => s.selectedId);
  const rawError = useFieldError('raw', ['rawBase64']);
  return (
    <section className="wb-section">
      <h3 className="section-title">Request</h3>
      <div className="segmented" role="group" aria-label="Request source">
        <button type="button" className="seg" aria-pressed={state.source === 'exchange'} onClick={() => editWorkbench({ source: 'exchange', exchangeId: state.exchangeId ?? selectedId })} data-testid="wb-source-exchange">
          Captured postback
        </button>
        <button type="button" className="seg" aria-pressed={state.source === 'raw'} onClick={() => editWorkbench({ source: 'raw' })} data-testid="wb-source-raw">
          Paste a raw request
        </button>
      </div>
      {state.source === 'exchange' ? (
        <CapturedRequest id={state.exchangeId} selectedId={selectedId} />
      ) : (
        <span className="field">
          <textarea
            className={`mono wb-raw ${rawError ? 'is-invalid' : ''}`}
            rows={9}
            spellCheck={false}
            wrap="off"
            value={state.raw}
            aria-label="Raw HTTP request: request line, headers, blank line, body"
            aria-invalid={rawError ? true : undefined}
            data-field="raw"
            data-testid="wb-raw"
            placeholder={'POST /pb?click_id=1 HTTP/1.1\nHost: example\nX-Signature: …\n\n{"a":1}'}
            onChange={(e) => editWorkbench({ raw: e.target.value })}
          />
          {rawError ? (
            <span className="field-error" role="alert" data-testid="field-error" data-field-error="raw">
              ✕ {rawError}
            </span>
          ) : (
            <span className="form-hint muted small">Request line, headers, a blank line, the body — as `GET /api/exchanges/:id/raw` gives it. An absolute URL in the request line sets the URL as signed.</span>
          )}
        </span>
      )}
    </section>
  );
}

function CapturedRequest({ id, selectedId }: { id: number | null; selectedId: number | null }) {
  const [raw, setRaw] = useState<{ id: number; text: string } | { id: number; error: string } | null>(null);
  useEffect(() => {
    if (id === null) return;
    const abort = new AbortController();
    api.raw(id, abort.signal).then(
      (bytes) => setRaw({ id, text: new TextDecoder().decode(bytes) }),
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setRaw({ id, error: errorMessage(err) });
      },
    );
    return () => abort.abort();
  }, [id]);
  const shown = raw && raw.id === id ? raw : null;
  return (
    <div className="wb-captured">
      <div className="inline-fields">
        <label className="inline-label">
          <span>Postback #</span>
          <NumberInput field="exchangeId" label="Captured postback id" value={id ?? undefined} integer className="len-input" onChange={(n) => editWorkbench({ exchangeId: n ?? null })} />
        </label>
        {selectedId !== null && selectedId !== id ? (
          <button type="button" className="btn btn-small" onClick={() => editWorkbench({ exchangeId: selectedId })}>
            Use the selected postback (#{selectedId})
          </button>
        ) : null}
        <span className="spacer" />
        {shown && 'text' in shown ? (
          <button type="button" className="btn btn-small" onClick={() => editWorkbench({ source: 'raw', raw: shown.text })} title="Edit a copy of this request (sent as UTF-8 text)" data-testid="wb-edit-copy">
            Edit a copy
          </button>
        ) : null}
      </div>
      {id === null ? (
        <p className="muted small">Give a postback id, or select one in the Inbox first.</p>
      ) : shown && 'error' in shown ? (
        <p className="text-error small" role="alert">
          ✕ {shown.error}
        </p>
      ) : shown ? (
        <pre className="wb-raw-preview mono" data-testid="wb-raw-preview">
          {shown.text.length > 4000 ? `${shown.text.slice(0, 4000)}\n… (${shown.text.length - 4000} more characters)` : shown.text}
        </pre>
      ) : null}
    </div>
  );
}

function SecretInput({ state, storedMask }: { state: WorkbenchState; storedMask: string | null }) {
  const [reveal, setReveal] = useState(false);
  const error = useFieldError('secret', ['secret.secret']);
  const apple = usesPublicKey(state.scheme);
  return (
    <section className="wb-section">
      <h3 className="section-title">Secret</h3>
      <FormRow
        label="Secret"
        htmlFor="wb-secret"
        hint={
          state.secret === ''
            ? storedMask
              ? `Empty: the profile’s stored secret (${storedMask}) is used.`
              : apple
                ? 'Empty: Apple’s built-in public keys are used.'
                : 'Needed to compute the expected signature.'
            : 'Used for this check only; never stored, never sent back.'
        }
      >
        <div className="secret-edit">
          <span className="field grow">
            <span className="secret-input-wrap">
              <input
                id="wb-secret"
                type={reveal ? 'text' : 'password'}
                className={`mono ${error ? 'is-invalid' : ''}`}
                value={state.secret}
                autoComplete="off"
                spellCheck={false}
                data-field="secret"
                data-testid="wb-secret"
                aria-invalid={error ? true : undefined}
                placeholder={storedMask ? `stored: ${storedMask}` : 'secret'}
                onChange={(e) => editWorkbench({ secret: e.target.value })}
              />
              <button type="button" className="btn btn-small btn-quiet" onClick={() => setReveal((r) => !r)} aria-pressed={reveal}>
                {reveal ? 'Hide' : 'Show'}
              </button>
            </span>
            {error ? (
              <span className="field-error" role="alert" data-testid="field-error" data-field-error="secret">
                ✕ {error}
              </span>
            ) : null}
          </span>
          <SelectInput<SecretKind> field="secret.kind" label="Kind of key" value={state.secretKind} options={KINDS} onChange={(secretKind) => editWorkbench({ secretKind })} />
          {state.secretKind === 'shared' ? (
            <SelectInput<SecretEncodingName> field="secret.encoding" label="Secret encoding" value={state.secretEncoding} options={ENCODINGS} testId="wb-secret-encoding" onChange={(secretEncoding) => editWorkbench({ secretEncoding })} />
          ) : null}
        </div>
      </FormRow>
    </section>
  );
}

function Result({ outcome, hasInput, state }: { outcome: Outcome | null; hasInput: boolean; state: WorkbenchState }) {
  if (!hasInput) return <p className="muted pad">Paste a request or pick a captured postback to see its canonical string and verdict.</p>;
  if (!outcome) return null;
  const { result, error } = outcome;
  return (
    <>
      {error ? (
        <InlineError title="Cannot verify with these inputs">
          {error.message}
          {error.fields.some((f) => !INLINE_FIELDS.has(f.field)) ? (
            <ul className="wb-field-errors small">
              {error.fields.filter((f) => !INLINE_FIELDS.has(f.field)).map((f, i) => (
                <li key={i}>
                  <code>{f.field}</code> {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </InlineError>
      ) : null}
      {result ? (
        <div className={error ? 'is-outdated' : ''}>
          {error ? <p className="muted small pad">The last result that could be computed:</p> : null}
          <SignatureExplain outcome={result.signature} actions={<ApplyButton state={state} />} />
          {result.notes.length ? (
            <ul className="sig-details small muted">
              {result.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
          <ChecksSummary result={result} />
        </div>
      ) : null}
    </>
  );
}

function ChecksSummary({ result }: { result: VerifyResult }) {
  const failing = result.params.filter((p) => p.status !== 'pass');
  return (
    <section className="wb-checks" data-testid="wb-checks">
      <div className="checks-summary">
        <VerdictMark status={result.status} />
        <span className="muted small num">
          {plural(result.failures, 'failure')} · {plural(result.warnings, 'warning')}
          {result.profileName ? ` · profile ${result.profileName}` : ''}
        </span>
      </div>
      {result.issues.length || failing.length ? (
        <ul className="issue-list">
          {result.issues.map((issue, i) => (
            <li key={`i${i}`} className={`issue is-${issue.severity}`}>
              <span className={`verdict verdict-${issue.severity}`}>{issue.severity === 'fail' ? '✕' : '⚠'}</span>
              <span className="issue-message">{issue.message}</span>
            </li>
          ))}
          {failing.map((p, i) => (
            <li key={`p${i}`} className={`issue is-${p.status}`}>
              <span className={`verdict verdict-${p.status}`}>{p.status === 'fail' ? '✕' : '⚠'}</span>
              <code className="issue-param mono">{p.name}</code>
              <span className="issue-message">
                {p.rule}: {p.why}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">✓ Params and postback checks: no problems{result.signature.status === 'fail' ? ' (only the signature fails)' : ''}.</p>
      )}
    </section>
  );
}

/** Takes the scheme, options, URL and typed secret into a profile (as unsaved edits) and opens its editor. */
function ApplyButton({ state }: { state: WorkbenchState }) {
  const profile = useStore(profilesStore, (s) => s.items.find((p) => p.id === state.profileId) ?? null);
  if (!state.scheme) return null;
  const apply = () => {
    const key = profile ? profile.id : 'new';
    if (!profile) newProfile();
    editProfile(
      key,
      (v) => {
        v.signature = { scheme: state.scheme, options: state.options, ...(state.url.trim() ? { signedUrl: state.url.trim() } : {}) };
      },
      'signature',
    );
    if (state.secret !== '') editSecret(key, { op: 'set', secret: state.secret, encoding: state.secretEncoding, kind: state.secretKind });
    selectProfile(key);
    setProfileTab('signature');
  };
  return (
    <button type="button" className="btn btn-small" onClick={apply} data-testid="wb-apply" title="Copy these settings into the profile as unsaved changes">
      <Icon name="check" size={12} />
      {profile ? `Use in “${profile.name}”` : 'New profile with this'}
    </button>
  );
}
