import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { CodeView } from '../../components/CodeView';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { useHighlighted } from '../../components/use-highlighted';
import { decodeText, downloadBytes } from '../../lib/bytes';
import { formatBytes } from '../../lib/format';
import { useWrapPreference } from './use-wrap-preference';

/** Past this the message is shown in part until asked: rendering is virtualized, decoding is not. */
const SHOW_LIMIT = 1024 * 1024;

export function RawTab({ id }: { id: number }) {
  const [state, setState] = useState<{ bytes: Uint8Array | null; error: string | null }>({ bytes: null, error: null });
  const [all, setAll] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [wrap, setWrap] = useWrapPreference();

  useEffect(() => {
    const abort = new AbortController();
    setState({ bytes: null, error: null });
    api.raw(id, abort.signal).then(
      (bytes) => setState({ bytes, error: null }),
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setState({ bytes: null, error: errorMessage(err) });
      },
    );
    return () => abort.abort();
  }, [id, attempt]);

  const bytes = state.bytes;
  const capped = bytes !== null && !all && bytes.length > SHOW_LIMIT;
  const text = useMemo(() => (bytes === null ? null : decodeText(capped ? bytes.subarray(0, SHOW_LIMIT) : bytes)), [bytes, capped]);
  const doc = useHighlighted(text, 'controls');
  const slow = useDelayed(bytes === null || doc === null);

  if (state.error) {
    return (
      <InlineError
        title="Could not load the raw message"
        action={
          <button type="button" className="btn" onClick={() => setAttempt((a) => a + 1)}>
            Retry
          </button>
        }
      >
        {state.error}
      </InlineError>
    );
  }
  if (!bytes || !doc) return slow ? <SkeletonBlock lines={10} /> : null;
  return (
    <div className="raw-view">
      <div className="toolbar">
        <span className="muted toolbar-note">
          Exact request bytes, {formatBytes(bytes.length)}. <code className="t-ctrl">\r</code> marks each CR; non-UTF-8 bytes show as �.
        </span>
        <label className="check" title="Off: one row per line, scroll sideways">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} data-testid="raw-wrap" />
          Wrap lines
        </label>
        <CopyButton text={() => decodeText(bytes)} label="Copy" />
        <button type="button" className="btn" onClick={() => downloadBytes(bytes, `exchange-${id}.http`)}>
          <Icon name="download" size={14} />
          <span>Download .http</span>
        </button>
      </div>
      {capped ? (
        <div className="notice" role="note">
          Showing the first {formatBytes(SHOW_LIMIT)} of {formatBytes(bytes.length)}.
          <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
            Show anyway
          </button>
        </div>
      ) : null}
      <div className="body-content">
        <CodeView doc={doc} label="Raw HTTP message" testId="raw-message" wrap={wrap} />
      </div>
    </div>
  );
}
