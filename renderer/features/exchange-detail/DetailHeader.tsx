import { useState } from 'react';
import { useStore } from 'zustand';
import type { ExchangeDetail } from '../../../src/model/exchange';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { downloadBytes } from '../../lib/bytes';
import { exactTime, formatBytes, formatDuration, statusClass } from '../../lib/format';
import { requestUrl } from '../../lib/url';
import { statusStore } from '../../store/status';
import { BaselinePanel, DetailDiffActions } from '../diff/DetailDiffActions';
import { deleteExchange } from '../inbox/list-actions';
import { ReplayButton } from '../outbox/ReplayButton';
import { bodyFileName, curlCommand, INLINE_BODY_LIMIT } from './curl-command';
import { directionWords } from './direction-words';

export function DetailHeader({ detail, body }: { detail: ExchangeDetail; body: Uint8Array }) {
  const receiverUrl = useStore(statusStore, (s) => s.status?.receiverUrl);
  const url = requestUrl(detail, receiverUrl);
  // Shown once the command is copied: that is when the user needs the file next to it.
  const [bodyFileNote, setBodyFileNote] = useState(false);
  const words = directionWords(detail.direction);

  return (
    <header className="detail-header">
      <div className="detail-line">
        <span className={`method method-${detail.method.toLowerCase()}`}>{detail.method}</span>
        <span className="detail-url mono" title={url}>
          {url}
        </span>
        <span className={`status-badge ${statusClass(detail.status)}`}>{detail.status ?? '…'}</span>
      </div>
      <div className="detail-meta">
        <div className="detail-facts muted">
          <span className="num" title={words.atTitle} data-testid="detail-at">
            {words.at} {exactTime(detail.receivedAt)}
          </span>
          <span className="num">{formatBytes(detail.bodySize)}</span>
          <span className="mono" title={words.peerTitle} data-testid="detail-peer">
            {words.peer.toLowerCase()} {detail.remoteAddress}:{detail.remotePort}
          </span>
          <span>HTTP/{detail.httpVersion}</span>
          <span className="num" title="Time to answer">
            {formatDuration(detail.durationMs)}
          </span>
        </div>
        <div className="detail-actions">
          <CopyButton text={url} label="Copy URL" />
          <CopyButton
            text={() => curlCommand(detail, body, receiverUrl)}
            label="Copy as cURL"
            title="Copy a curl command that sends this request again (c)"
            testId="copy-curl"
            onCopied={() => setBodyFileNote(body.length > INLINE_BODY_LIMIT)}
          />
          <ReplayButton detail={detail} />
          <DetailDiffActions detail={detail} />
          <DeleteButton id={detail.id} />
        </div>
      </div>
      <BaselinePanel detail={detail} />
      {bodyFileNote ? (
        <div className="notice" role="note">
          The body ({formatBytes(body.length)}) is too long for a shell argument; the cURL command reads it from{' '}
          <code>{bodyFileName(detail.id)}</code>.
          <button type="button" className="btn btn-small" onClick={() => downloadBytes(body, bodyFileName(detail.id))}>
            <Icon name="download" size={14} />
            <span>Download {bodyFileName(detail.id)}</span>
          </button>
        </div>
      ) : null}
    </header>
  );
}

/** One click: the row goes at once and the toast offers an undo before anything is deleted. */
function DeleteButton({ id }: { id: number }) {
  return (
    <button type="button" className="btn" onClick={() => deleteExchange(id)} data-testid="delete-exchange" title="Delete this postback (undo for a few seconds)">
      <Icon name="trash" size={14} />
      <span>Delete</span>
    </button>
  );
}
