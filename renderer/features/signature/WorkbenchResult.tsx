import { useStore } from 'zustand';
import type { FieldError } from '../../../src/model/endpoint';
import type { VerifyResult } from '../../api/verdicts';
import { Icon } from '../../components/Icon';
import { InlineError } from '../../components/InlineError';
import { VerdictMark } from '../../components/VerdictBadge';
import { editProfile, editSecret, newProfile, profilesStore, selectProfile, setProfileTab } from '../../store/profiles';
import { SignatureExplain } from './SignatureExplain';
import type { WorkbenchState } from './workbench-store';

/** What the workbench's verification said: the verdict, each check, and applying the settings to a profile. */

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** Errors shown under their own input; the others are listed with the summary. */
const INLINE_FIELDS: ReadonlySet<string> = new Set(['raw', 'rawBase64', 'secret', 'secret.secret', 'url', 'now', 'scheme', 'options']);

export type Outcome = { result: VerifyResult; error: null } | { result: VerifyResult | null; error: { message: string; fields: FieldError[] } };

export function Result({ outcome, hasInput, state }: { outcome: Outcome | null; hasInput: boolean; state: WorkbenchState }) {
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
