import { useEffect, useState } from 'react';
import type { SendPreview } from '../../../src/model/sender';
import { errorMessage } from '../../api/client';
import { verdictsApi, type VerifyResult } from '../../api/verdicts';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { setEditorTab } from '../../store/composer';
import { settingsStore } from '../../store/settings';
import { SignatureExplain } from '../signature/SignatureExplain';

/** The expanded request as an HTTP/1.1 message, the way the receiving side would read it. */
export function rawMessage(preview: SendPreview): string {
  const target = preview.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
  const head = [`${preview.method} ${target.startsWith('/') ? target : `/${target}`} HTTP/1.1`, ...preview.rawHeaders.map(([n, v]) => `${n}: ${v}`)];
  return `${head.join('\r\n')}\r\n\r\n${preview.bodyText ?? ''}`;
}

/**
 * The signature of the expanded request, checked with the template's profile exactly as the
 * receiving side would: scheme, canonical string, expected vs given.
 */
export function SignatureCard({ preview, profileId, profileName }: { preview: SendPreview; profileId: number | null; profileName: string | null }) {
  const [state, setState] = useState<{ result: VerifyResult | null; error: string | null; for: string | null }>({ result: null, error: null, for: null });
  const raw = rawMessage(preview);
  const key = profileId === null ? null : `${profileId}\n${raw}`;
  const loading = key !== null && state.for !== key;
  const slow = useDelayed(loading && state.result === null);

  useEffect(() => {
    if (key === null || profileId === null || preview.bodyText === null) return;
    const abort = new AbortController();
    const t = setTimeout(() => {
      verdictsApi.verify({ raw, profileId, url: preview.url }, abort.signal).then(
        (result) => setState({ result, error: null, for: key }),
        (err: unknown) => {
          if ((err as Error).name !== 'AbortError') setState({ result: null, error: errorMessage(err), for: key });
        },
      );
    }, 150);
    return () => {
      clearTimeout(t);
      abort.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (profileId === null) {
    return (
      <p className="muted small sig-none" data-testid="composer-signature-none">
        No profile: the request is not signed. Pick the partner’s profile in{' '}
        <button type="button" className="link-button" onClick={() => setEditorTab('delivery')}>
          Delivery
        </button>{' '}
        to sign it and see the signature here.
      </p>
    );
  }
  if (preview.bodyText === null) return <p className="muted small">The body is not text: the signature is not checked here.</p>;
  if (state.error && state.for === key) {
    return (
      <p className="text-error small" role="alert">
        ✕ The signature could not be checked: {state.error}
      </p>
    );
  }
  if (!state.result) return slow ? <SkeletonBlock lines={4} /> : null;
  return (
    <div className={`composer-signature ${loading ? 'is-stale' : ''}`} data-testid="composer-signature">
      <SignatureExplain
        outcome={state.result.signature}
        emptyHint={
          state.result.signature.status !== 'pass' ? (
            <p className="small muted">
              Fix the scheme or secret in{' '}
              <button type="button" className="link-button" onClick={() => settingsStore.getState().setView('profiles')}>
                Profiles
              </button>
              .
            </p>
          ) : null
        }
      />
      <p className="muted small">
        The sender signs with the profile “{profileName ?? `#${profileId}`}”; this is the check the partner would run on these exact bytes.
      </p>
    </div>
  );
}
