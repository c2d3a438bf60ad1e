import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { useExchangeVerdict, useVerdictSummary } from '../../store/verdicts';
import { SignatureExplain } from '../signature/SignatureExplain';
import { openWorkbench } from '../signature/workbench-store';

/** The signature card: scheme, canonical string with invisible characters shown, expected vs given, the likely cause. */
export function SignatureTab({ exchangeId }: { exchangeId: number }) {
  const { verdict, loading, error, retry } = useExchangeVerdict(exchangeId);
  const slow = useDelayed(loading && !verdict);
  if (error && !verdict) {
    return (
      <InlineError
        title="Could not load the signature verdict"
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
  const sig = verdict.signature;
  const open = () => void openWorkbench({ exchangeId, profileId: verdict.profileId, scheme: sig.scheme, returnTo: exchangeId });
  return (
    <div className="signature-tab" data-testid="signature-tab">
      <SignatureExplain
        outcome={sig}
        actions={
          <button type="button" className="btn btn-small" onClick={open} data-testid="open-workbench" title="Try other schemes, options or secrets on this postback">
            Open in workbench
          </button>
        }
        emptyHint={
          sig.status === 'none' ? (
            <p className="muted small">
              {verdict.profileId === null
                ? 'Link a profile with a signature scheme to this endpoint (Endpoints › Settings › Profile), or try schemes on this postback in the workbench.'
                : 'The profile has no signature scheme: pick one in Profiles › Signature, or try one here in the workbench.'}
            </p>
          ) : sig.status === 'error' ? (
            <p className="small">
              Fix it in the profile (Profiles › Signature), or type a secret in the workbench to try this postback now.
            </p>
          ) : null
        }
      />
      <p className="muted small sig-foot">
        Verified as of the capture time{verdict.profileName ? <> with the profile “{verdict.profileName}”</> : null}. Secrets never leave the server in clear; a secret inside a signed string shows as ••••.
      </p>
    </div>
  );
}

/** "Signature" with ✓ / ✕ once the verdict is known (nothing when no scheme applies). */
export function SignatureTabLabel({ id }: { id: number }) {
  const v = useVerdictSummary(id);
  const s = v?.signature;
  return (
    <>
      Signature
      {s === 'pass' ? (
        <span className="tab-verdict verdict-pass" aria-label="valid">
          ✓
        </span>
      ) : s === 'fail' || s === 'error' ? (
        <span className="tab-verdict verdict-fail" aria-label={s === 'fail' ? 'invalid' : 'cannot verify'}>
          ✕
        </span>
      ) : null}
    </>
  );
}
