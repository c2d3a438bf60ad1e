import { useState } from 'react';
import type { BodyView } from '../../src/model/exchange';
import { errorMessage } from '../api/client';
import { decodeText, downloadBytes } from '../lib/bytes';
import { formatBytes } from '../lib/format';
import { CodeView } from './CodeView';
import { CopyButton } from './CopyButton';
import { FormTable } from './FormTable';
import { HexView } from './HexView';
import { Icon } from './Icon';
import { InlineError } from './InlineError';
import { MultipartList } from './MultipartList';
import { SkeletonBlock, useDelayed } from './Skeleton';
import { useHighlighted } from './use-highlighted';

type Mode = 'pretty' | 'source' | 'table' | 'parts' | 'text' | 'hex';

const MODE_LABEL: Record<Mode, string> = {
  pretty: 'Pretty',
  source: 'Source',
  table: 'Fields',
  parts: 'Parts',
  text: 'Text',
  hex: 'Hex',
};

function modesFor(view: BodyView): Mode[] {
  const hasText = view.text !== null;
  switch (view.kind) {
    case 'empty':
      return [];
    case 'json':
      if (!hasText) return ['hex'];
      return view.jsonError ? ['source', 'hex'] : ['pretty', 'source', 'hex'];
    case 'form':
      return view.form ? (hasText ? ['table', 'source', 'hex'] : ['table', 'hex']) : hasText ? ['source', 'hex'] : ['hex'];
    case 'multipart':
      return view.multipart ? ['parts', 'hex'] : ['hex'];
    case 'text':
      return hasText ? ['text', 'hex'] : ['hex'];
    case 'binary':
      return ['hex'];
  }
}

interface Props {
  exchangeId: number;
  view: BodyView;
  /** The body exactly as received (still compressed if it was sent compressed). */
  raw: Uint8Array;
  contentType: string | null;
  /** Loads the full decoded body when the text was capped. */
  loadFull: (id: number) => Promise<Uint8Array>;
}

/** Parent keys this by exchange id, so the mode and "show anyway" reset per exchange. */
export function BodyViewer({ exchangeId, view, raw, contentType, loadFull }: Props) {
  const modes = modesFor(view);
  const [mode, setMode] = useState<Mode>(modes[0] ?? 'hex');
  const [full, setFull] = useState<{ state: 'idle' | 'loading' | 'error'; text?: string; error?: string }>({ state: 'idle' });
  const slow = useDelayed(full.state === 'loading');

  if (view.kind === 'empty' && raw.length === 0) {
    return <p className="muted pad" data-testid="body-empty">No body.</p>;
  }

  const text = full.text ?? view.text;
  const showAnyway = async () => {
    setFull({ state: 'loading' });
    try {
      setFull({ state: 'idle', text: decodeText(await loadFull(exchangeId), view.charset) });
    } catch (err) {
      setFull({ state: 'error', error: errorMessage(err) });
    }
  };

  return (
    <div className="body-viewer" data-testid="body-viewer" data-kind={view.kind}>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Body view">
          {modes.map((m) => (
            <button key={m} type="button" className="seg" aria-pressed={m === mode} onClick={() => setMode(m)}>
              {MODE_LABEL[m]}
            </button>
          ))}
        </div>
        <BodyMeta view={view} rawSize={raw.length} contentType={contentType} />
        {text !== null && mode !== 'hex' ? <CopyButton text={text} label="Copy text" /> : null}
        <button type="button" className="btn" onClick={() => downloadBytes(raw, `exchange-${exchangeId}.body`)}>
          <Icon name="download" size={14} />
          <span>Raw bytes</span>
        </button>
      </div>

      {view.decodeError ? (
        <InlineError title="Could not decode this body">
          {view.decodeError}. The bytes are kept exactly as received: see Hex or download them.
        </InlineError>
      ) : null}
      {view.jsonError && mode !== 'hex' ? (
        <div className="notice notice-warn" role="note">
          ⚠ Not valid JSON ({view.jsonError}) — shown exactly as sent.
        </div>
      ) : null}
      {view.textTruncated && full.text === undefined && mode !== 'hex' ? (
        <div className="notice" role="note">
          Showing the first {(view.text?.length ?? 0).toLocaleString('en-US')} characters of {formatBytes(view.decodedSize)}.
          <button type="button" className="btn btn-small" onClick={() => void showAnyway()} disabled={full.state === 'loading'}>
            {slow ? 'Loading…' : 'Show anyway'}
          </button>
          {full.state === 'error' ? <span className="text-error">{full.error}</span> : null}
        </div>
      ) : null}

      <div className="body-content">
        {mode === 'hex' ? (
          <HexView bytes={raw} label="Body bytes as received" />
        ) : mode === 'table' && view.form ? (
          <FormTable fields={view.form} />
        ) : mode === 'parts' && view.multipart ? (
          <MultipartList parts={view.multipart} />
        ) : (
          <TextBody text={text ?? ''} mode={mode === 'pretty' ? 'json' : 'plain'} />
        )}
      </div>
    </div>
  );
}

function TextBody({ text, mode }: { text: string; mode: 'json' | 'plain' }) {
  const doc = useHighlighted(text, mode);
  const slow = useDelayed(doc === null);
  if (!doc) return slow ? <SkeletonBlock lines={8} /> : null;
  return <CodeView doc={doc} label="Body" testId="body-text" />;
}

function BodyMeta({ view, rawSize, contentType }: { view: BodyView; rawSize: number; contentType: string | null }) {
  const parts: string[] = [view.kind.toUpperCase()];
  if (contentType) parts.push(contentType);
  parts.push(`${formatBytes(rawSize)} received`);
  if (view.contentEncoding.length) parts.push(`${view.contentEncoding.join(' → ')} → ${formatBytes(view.decodedSize)} decoded`);
  if (view.charset) parts.push(`charset ${view.charset}`);
  const text = parts.join(' · ');
  return (
    <span className="body-meta muted" title={text}>
      {text}
    </span>
  );
}
