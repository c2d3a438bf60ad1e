import { useMemo, type ReactNode } from 'react';
import type { SignatureOutcome, SignatureVerdict } from '../../../src/model/verdict';
import { CopyButton } from '../../components/CopyButton';
import { useSchemes } from '../../store/profiles';
import '../../styles/profiles.css';
import { charDiff, utf8Length, visibleMarkers, type Segment } from './diff';

const TRUST: Record<NonNullable<SignatureVerdict['trust']>, { text: string; tone: 'pass' | 'warn'; title: string }> = {
  production: { text: '✓ Apple production key', tone: 'pass', title: 'Verified with Apple’s published production key: trusted.' },
  development: {
    text: '⚠ development key — untrusted',
    tone: 'warn',
    title: 'Signed with Apple’s development key: the signature is correct, but only test postbacks are signed this way. Do not count it as a real conversion.',
  },
  'custom-key': { text: '⚠ custom public key', tone: 'warn', title: 'Verified with the public key stored in the profile, not Apple’s.' },
};

export function schemeLabel(schemes: ReadonlyArray<{ id: string; label: string }> | null, id: string | null): string {
  if (!id) return '';
  return schemes?.find((s) => s.id === id)?.label ?? id;
}

/** The signature verdict: status, the likely cause, the canonical string, expected vs given. */
export function SignatureExplain({ outcome, actions, emptyHint }: { outcome: SignatureOutcome; actions?: ReactNode; emptyHint?: ReactNode }) {
  const { schemes } = useSchemes();
  const explain = outcome.explain;
  const status = outcome.status;
  const word = status === 'pass' ? '✓ valid' : status === 'fail' ? '✕ invalid' : status === 'error' ? '✕ cannot verify' : '– not checked';
  return (
    <section className={`sig-card is-${status}`} data-testid="signature-panel" data-status={status} aria-label="Signature">
      <header className="sig-head">
        <span className={`sig-status verdict verdict-${status === 'error' ? 'fail' : status}`} data-testid="signature-status">
          {word}
        </span>
        {outcome.scheme ? (
          <span className="sig-scheme">
            <span className="muted">scheme</span> <code className="mono" data-testid="signature-scheme">{outcome.scheme}</code>
            <span className="muted small"> {schemeLabel(schemes, outcome.scheme) !== outcome.scheme ? schemeLabel(schemes, outcome.scheme) : ''}</span>
          </span>
        ) : null}
        {explain?.trust ? (
          <span className={`flag trust trust-${TRUST[explain.trust].tone}`} title={TRUST[explain.trust].title} data-testid="signature-trust">
            {TRUST[explain.trust].text}
          </span>
        ) : null}
        <span className="spacer" />
        {actions}
      </header>
      {status === 'none' || (status === 'error' && !explain) ? (
        <div className={status === 'error' ? 'sig-reason is-error' : 'sig-reason'} data-testid="signature-reason" role={status === 'error' ? 'alert' : undefined}>
          <p>{outcome.reason ?? 'No signature scheme applies to this postback.'}</p>
          {emptyHint}
        </div>
      ) : null}
      {explain ? <ExplainBody explain={explain} /> : null}
    </section>
  );
}

function ExplainBody({ explain }: { explain: SignatureVerdict }) {
  const marked = useMemo(() => visibleMarkers(explain.canonicalVisible), [explain.canonicalVisible]);
  const hasInvisible = marked.some((m) => m.kind === 'invisible');
  const hasSecret = marked.some((m) => m.kind === 'secret');
  const diff = useMemo(
    () => (explain.expected !== null && explain.given !== null ? charDiff(explain.expected, explain.given, { ignoreCase: explain.caseInsensitive === true }) : null),
    [explain.expected, explain.given, explain.caseInsensitive],
  );
  return (
    <>
      {explain.note ? (
        <div className="sig-note" data-testid="signature-note" role="note">
          <span className="sig-cause-label">Note</span>
          <span className="sig-cause-text">{explain.note}</span>
        </div>
      ) : null}
      {explain.cause ? (
        <div className="sig-cause" data-testid="signature-cause" role="note">
          <span className="sig-cause-label">Likely cause</span>
          <span className="sig-cause-text">{explain.cause}</span>
        </div>
      ) : null}
      <div className="sig-block">
        <div className="sig-block-head">
          <h4 className="section-title">Canonical string</h4>
          <span className="muted small num">
            {Array.from(explain.canonical).length} chars · {utf8Length(explain.canonical)} bytes UTF-8
          </span>
          <span className="spacer" />
          {hasInvisible || hasSecret ? (
            <span className="sig-legend small muted">
              {hasInvisible ? (
                <>
                  <span className="mark-invisible">marked</span> invisible characters made visible
                </>
              ) : null}
              {hasInvisible && hasSecret ? ' · ' : null}
              {hasSecret ? (
                <>
                  <span className="mark-secret">••••</span> the secret, masked
                </>
              ) : null}
            </span>
          ) : (
            <span className="sig-legend small muted">no invisible characters</span>
          )}
          <CopyButton text={explain.canonical} title="Copy the canonical string exactly (invisible characters included)" className="btn-quiet btn-tiny" />
        </div>
        {explain.canonical === '' ? (
          <p className="muted small sig-empty">(empty: nothing could be built — see the cause)</p>
        ) : (
          <pre className="canonical mono" data-testid="canonical-string">
            {marked.map((m, i) =>
              m.kind === 'text' ? (
                m.text
              ) : (
                <span key={i} className={m.kind === 'secret' ? 'mark-secret' : 'mark-invisible'} title={m.kind === 'secret' ? 'The secret (masked)' : 'An invisible character, made visible'}>
                  {m.text}
                </span>
              ),
            )}
          </pre>
        )}
      </div>
      <div className="sig-compare" data-testid="signature-compare">
        <SigValue label="Expected" hint={explain.expected === null ? 'Asymmetric scheme: nothing to compute without the private key; the signature is checked against the public key.' : 'Computed here from the canonical string and the secret.'} value={explain.expected} segments={diff?.a ?? null} testId="sig-expected" />
        <SigValue label="Given" hint="As the request carried it." value={explain.given} segments={diff?.b ?? null} testId="sig-given" />
      </div>
      {diff ? (
        <p className={`sig-diff-summary small ${diff.differing === 0 || explain.valid ? 'text-ok' : ''}`} data-testid="sig-diff-summary">
          {diff.differing === 0
            ? diff.caseOnly > 0
              ? `✓ Same digest: ${diff.caseOnly} ${diff.caseOnly === 1 ? 'letter differs' : 'letters differ'} only in case, and hex is case-insensitive.`
              : '✓ Identical.'
            : explain.valid
              ? // The verdict is the authority: a valid signature can sit among others in one header (rotation).
                '✓ Valid: the given value carries the expected signature; the other characters are not part of it.'
              : !diff.related
              ? '✕ Nothing in common (marked whole): a different secret or a different message, not a typo.'
              : `✕ ${diff.differing} ${diff.differing === 1 ? 'character differs' : 'characters differ'} (marked); the rest matches.`}
          {explain.expected !== null && explain.given !== null && explain.expected.length !== explain.given.length
            ? ` Lengths: expected ${explain.expected.length}, given ${explain.given.length} — often a different output encoding (hex / base64) or a prefix.`
            : ''}
        </p>
      ) : null}
      {explain.details.length ? (
        <ul className="sig-details small muted" data-testid="signature-details">
          {explain.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function SigValue({ label, hint, value, segments, testId }: { label: string; hint: string; value: string | null; segments: Segment[] | null; testId: string }) {
  return (
    <div className="sig-value">
      <div className="sig-value-head">
        <span className="sig-value-label" title={hint}>
          {label}
        </span>
        {value ? <CopyButton text={value} title={`Copy the ${label.toLowerCase()} signature`} className="btn-quiet btn-tiny" /> : null}
      </div>
      {value === null ? (
        <span className="value-empty small" data-testid={testId}>
          {label === 'Given' ? '(absent: the request carries no signature)' : '(not computed)'}
        </span>
      ) : (
        <code className="sig-text mono" data-testid={testId}>
          {segments
            ? segments.map((s, i) =>
                s.same ? (
                  s.text
                ) : (
                  <mark key={i} className="diff-char">
                    {s.text}
                  </mark>
                ),
              )
            : value}
        </code>
      )}
    </div>
  );
}
