import type { ExchangeVerdict, IssueCode, ParamCheck, PostbackIssue } from '../../../src/model/verdict';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { Value } from '../../components/Value';
import { VerdictMark } from '../../components/VerdictBadge';
import { selectProfile } from '../../store/profiles';
import { settingsStore } from '../../store/settings';
import { useExchangeVerdict, useVerdictSummary } from '../../store/verdicts';
import { SkanConversionSection } from './SkanConversionSection';
import '../../styles/profiles.css';

const ISSUE_LABEL: Record<IssueCode, string> = {
  'unreplaced-macro': 'unreplaced macro',
  'empty-value': 'empty value',
  'duplicate-key': 'duplicate key',
  'double-encoded': 'double-encoded',
  'plus-ambiguity': '+ vs %20',
  'zero-payout': 'zero payout',
  'currency-missing': 'no currency',
  'unknown-param': 'unknown param',
  'untrusted-signature': 'untrusted signature',
  'signature-spelling': 'signature spelling',
  'body-incomplete': 'body incomplete',
  'privacy-unhashed': 'privacy: not hashed',
  'privacy-clear-pii': 'privacy: personal data',
  'privacy-hash-mismatch': 'privacy: wrong hash',
  'privacy-ip-address': 'privacy: IP address',
  'privacy-zeroed-ad-id': 'privacy: zeroed ad id',
  'privacy-lat-with-id': 'privacy: opted out',
  'privacy-credential-in-url': 'privacy: credential in URL',
  'privacy-skan-source-identifier': 'privacy: SKAdNetwork source id beyond its tier',
  'source-not-allowed': 'source not allowed',
  'source-unknown': 'source unknown',
  'skan-conversion-value': 'conversion value',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Per-parameter checks of the profile (value, rule, pass/fail, why) and the always-on postback checks. */
export function ChecksTab({ exchangeId, onSignature }: { exchangeId: number; onSignature: () => void }) {
  const { verdict, loading, error, retry } = useExchangeVerdict(exchangeId);
  const slow = useDelayed(loading && !verdict);
  if (error && !verdict) {
    return (
      <InlineError
        title="Could not load the checks"
        action={
          <button type="button" className="btn" onClick={retry}>
            Retry
          </button>
        }
      >
        {error}
      </InlineError>
    );
  }
  if (!verdict) return slow ? <SkeletonBlock lines={8} /> : null;
  return <Checks verdict={verdict} onSignature={onSignature} />;
}

function Checks({ verdict, onSignature }: { verdict: ExchangeVerdict; onSignature: () => void }) {
  const sig = verdict.signature;
  return (
    <div className="checks" data-testid="checks-tab" data-verdict={verdict.status}>
      <div className="checks-summary">
        <VerdictMark status={verdict.status} />
        <span>
          {verdict.profileId !== null ? (
            <>
              Profile{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  selectProfile(verdict.profileId);
                  settingsStore.getState().setView('profiles');
                }}
                title="Open this profile"
              >
                {verdict.profileName ?? `#${verdict.profileId}`}
              </button>
            </>
          ) : (
            <span className="muted">No profile: only the always-on checks ran. Link a profile to the endpoint to check params and the signature.</span>
          )}
        </span>
        <span className="spacer" />
        <span className="muted small num">
          {plural(verdict.failures, 'failure')} · {plural(verdict.warnings, 'warning')}
        </span>
      </div>

      {sig.status !== 'none' ? (
        <p className="checks-sig small">
          Signature{sig.scheme ? <> (<code>{sig.scheme}</code>)</> : null}:{' '}
          <span className={`verdict verdict-${sig.status === 'error' ? 'fail' : sig.status}`}>
            {sig.status === 'pass' ? '✓ valid' : sig.status === 'fail' ? '✕ invalid' : '✕ cannot verify'}
          </span>{' '}
          {sig.status === 'error' && sig.reason ? <span className="muted">{sig.reason} </span> : null}
          <button type="button" className="link-button" onClick={onSignature}>
            Why? See the Signature tab
          </button>
        </p>
      ) : null}

      {verdict.skanConversion ? <SkanConversionSection decoding={verdict.skanConversion} /> : null}

      <section className="section">
        <h3 className="section-title">
          Postback checks <span className="count num">{verdict.issues.length}</span>
        </h3>
        {verdict.issues.length === 0 ? (
          <p className="muted small checks-none" data-testid="issues-none">
            ✓ No unreplaced macros, empty or duplicate values, double encoding or money mismatches.
          </p>
        ) : (
          <ul className="issue-list" data-testid="issue-list">
            {verdict.issues.map((issue, i) => (
              <IssueRow key={i} issue={issue} />
            ))}
          </ul>
        )}
      </section>

      <section className="section">
        <h3 className="section-title">
          Parameters <span className="count num">{verdict.params.length}</span>
        </h3>
        {verdict.params.length === 0 ? (
          <p className="muted small">{verdict.profileId !== null ? 'The profile declares no parameters.' : 'Nothing to check against without a profile.'}</p>
        ) : (
          <table className="kv-table checks-table" data-testid="param-checks">
            <thead>
              <tr>
                <th className="col-check-name">Name</th>
                <th>Value</th>
                <th className="col-rule">Rule</th>
                <th className="col-result">Result</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {verdict.params.map((p, i) => (
                <CheckRow key={`${p.name}-${i}`} check={p} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function IssueRow({ issue }: { issue: PostbackIssue }) {
  return (
    <li className={`issue is-${issue.severity}`} data-testid="issue-row" data-code={issue.code} data-param={issue.param ?? ''}>
      <span className={`verdict verdict-${issue.severity}`}>{issue.severity === 'fail' ? '✕' : '⚠'}</span>
      <span className="issue-code">{ISSUE_LABEL[issue.code] ?? issue.code}</span>
      {issue.param ? (
        <code className="issue-param mono">
          {issue.param}
          {issue.token ? (
            <>
              =<mark className="issue-token">{issue.token}</mark>
            </>
          ) : null}
        </code>
      ) : null}
      <span className="issue-message">{issue.message}</span>
    </li>
  );
}

function CheckRow({ check }: { check: ParamCheck }) {
  const absent = check.value === null;
  return (
    <tr className={`check-row is-${check.status} ${absent ? 'is-absent' : ''}`} data-testid="check-row" data-name={check.name} data-status={check.status}>
      <td className="col-check-name">
        <span className="check-name">
          <Value text={check.name} />
          {check.source ? <span className="muted small">{check.source}</span> : null}
        </span>
      </td>
      <td>
        {absent ? (
          <span className="value value-empty">(absent)</span>
        ) : (
          <>
            <Value text={check.value!} />
            {check.rawValue !== null && check.rawValue !== check.value ? (
              <span className="muted small raw-line" title="As sent">
                raw <Value text={check.rawValue} className="is-same" />
              </span>
            ) : null}
          </>
        )}
      </td>
      <td className="col-rule small">{check.rule}</td>
      <td className="col-result">
        <VerdictMark status={check.status} />
      </td>
      <td className="col-why small">{check.why ?? ''}</td>
    </tr>
  );
}

/** "Checks" with the count of failures (✕) or warnings (⚠) once the verdict is known. */
export function ChecksTabLabel({ id }: { id: number }) {
  const v = useVerdictSummary(id);
  return (
    <>
      Checks
      {v && v.failures > 0 ? (
        <span className="tab-verdict verdict-fail num" aria-label={`${plural(v.failures, 'failure')}`}>
          ✕ {v.failures}
        </span>
      ) : v && v.warnings > 0 ? (
        <span className="tab-verdict verdict-warn num" aria-label={`${plural(v.warnings, 'warning')}`}>
          ⚠ {v.warnings}
        </span>
      ) : v && v.status === 'pass' ? (
        <span className="tab-verdict verdict-pass" aria-label="all pass">
          ✓
        </span>
      ) : null}
    </>
  );
}
