import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { errorMessage } from '../../api/client';
import { fieldErrorsOf } from '../../api/profiles';
import { verdictsApi, type VerifyRequest } from '../../api/verdicts';
import { Icon } from '../../components/Icon';
import { useDelayed } from '../../components/Skeleton';
import { profilesStore, showPanel, useSchemes } from '../../store/profiles';
import { select } from '../../store/selection';
import { settingsStore } from '../../store/settings';
import { errorsByField } from '../endpoints/draft';
import { FieldErrorsContext, FormRow, NumberInput, TextInput, fieldDomId } from '../endpoints/fields';
import { SchemeOptions, signsUrl } from './SchemeOptions';
import { SchemePicker, SchemeSources } from './SchemePicker';
import { editWorkbench, takeProfileSignature, workbenchStore, type WorkbenchState } from './workbench-store';
import { RequestInput, SecretInput } from './WorkbenchInputs';
import { Result, type Outcome } from './WorkbenchResult';

const DEBOUNCE_MS = 250;

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
