import type { CheckStatus, VerdictStatus, VerdictSummary } from '../../src/model/verdict';
import { useVerdictSummary } from '../store/verdicts';
import '../styles/profiles.css';

const SIGNATURE_WORDS: Record<VerdictSummary['signature'], string> = {
  pass: 'signature valid',
  fail: 'signature invalid',
  none: 'no signature check',
  error: 'signature not checkable (see the Signature tab)',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function verdictTitle(v: VerdictSummary): string {
  const head =
    v.status === 'pass' ? 'Pass: the profile’s checks hold' : v.status === 'fail' ? 'Fail' : 'No profile: only the always-on checks ran';
  const parts = [head, SIGNATURE_WORDS[v.signature]];
  if (v.failures) parts.push(plural(v.failures, 'failure'));
  if (v.warnings) parts.push(plural(v.warnings, 'warning'));
  return parts.join(' · ');
}

/** Colour and a word: ✓ pass, ✕ fail, – none. */
export function VerdictMark({ status, count }: { status: VerdictStatus | CheckStatus; count?: number }) {
  const text = status === 'pass' ? '✓ pass' : status === 'fail' ? '✕ fail' : status === 'warn' ? '⚠ warn' : '– none';
  return (
    <span className={`verdict verdict-${status}`} data-verdict={status}>
      {text}
      {count && count > 1 ? <span className="verdict-count num"> {count}</span> : null}
    </span>
  );
}

/**
 * The Inbox row's verdict. While the verdict is not computed yet: a quiet dot, never a spinner.
 * "none" stays quiet too (most captures have no profile); warnings get a ⚠ next to it.
 */
export function VerdictBadge({ id }: { id: number }) {
  const v = useVerdictSummary(id);
  if (!v) {
    return (
      <span className="verdict-badge is-pending" data-testid="verdict-badge" data-verdict="pending" title="Verdict not computed yet">
        <span className="verdict-dot" aria-hidden="true" />
      </span>
    );
  }
  return (
    <span className={`verdict-badge is-${v.status}`} data-testid="verdict-badge" data-verdict={v.status} title={verdictTitle(v)}>
      {v.status === 'pass' ? '✓ pass' : v.status === 'fail' ? '✕ fail' : '–'}
      {v.warnings > 0 && v.status !== 'fail' ? (
        <span className="verdict-warn" aria-label={plural(v.warnings, 'warning')}>
          ⚠
        </span>
      ) : null}
    </span>
  );
}
