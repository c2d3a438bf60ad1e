import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SendPreview, TemplateSpec } from '../../../src/model/sender';
import { describePolicy } from '../../../src/sender/retry-policy';
import { toCurl } from '../../../src/interop/curl';
import { CopyButton } from '../../components/CopyButton';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { VisibleText } from '../../components/VisibleText';
import { base64ToBytes } from '../../lib/bytes';
import { formatBytes } from '../../lib/format';
import { composerStore, currentSpec } from '../../store/composer';
import { previewKey, refreshPreview } from '../../store/composer-send';
import { annotate, type Segment } from './annotate';
import { focusValue } from './MacroChips';
import { ProblemList } from './OutputPane';
import { SignatureCard } from './SignatureCard';

/** Latin-1 "binary string" of a text's UTF-8 bytes: what toCurl takes as header bytes. */
const utf8Binary = (text: string) => String.fromCharCode(...new TextEncoder().encode(text));

export function previewCurl(preview: SendPreview): string {
  return toCurl({ method: preview.method, url: preview.url, rawHeaders: preview.rawHeaders.map(([n, v]) => [n, utf8Binary(v)] as const), body: base64ToBytes(preview.body) });
}

export function PreviewPanel() {
  const { preview, previewError, previewing, timeScale } = useStore(
    composerStore,
    useShallow((s) => ({ preview: s.preview, previewError: s.previewError, previewing: s.previewing, timeScale: s.timeScale })),
  );
  const stale = useStore(composerStore, (s) => s.previewFor !== previewKey(s));
  const spec = useStore(composerStore, currentSpec);
  const profiles = useStore(composerStore, (s) => s.profiles);
  const slow = useDelayed(previewing && preview === null);
  const staleShown = useDelayed(stale && previewing, 300);

  if (previewError && !stale) {
    return (
      <InlineError
        title="No preview"
        action={
          <button type="button" className="btn" onClick={() => void refreshPreview()}>
            Retry
          </button>
        }
      >
        {previewError}
      </InlineError>
    );
  }
  if (!preview) return slow ? <SkeletonBlock lines={8} /> : null;
  const profile = spec.profileId == null ? null : (profiles?.find((p) => p.id === spec.profileId) ?? null);
  return (
    <div className={`preview ${staleShown ? 'is-stale' : ''}`} data-testid="preview" aria-busy={previewing}>
      <PreviewBody preview={preview} spec={spec} />
      <section className="section">
        <h3 className="section-title">Signature</h3>
        <SignatureCard preview={preview} profileId={spec.profileId ?? null} profileName={profile?.name ?? null} />
      </section>
      <section className="section">
        <h3 className="section-title">Delivery</h3>
        <dl className="facts small">
          <dt>Delivered when</dt>
          <dd>
            {preview.success.status === undefined || preview.success.status === '2xx' ? 'status is any 2xx' : `status is ${[preview.success.status].flat().join(' or ')}`}
            {preview.success.body ? (
              <>
                {' '}
                and the body {preview.success.body.mode === 'equals' ? 'equals' : preview.success.body.mode === 'contains' ? 'contains' : 'matches'} <code className="mono">{preview.success.body.value}</code>
              </>
            ) : null}
          </dd>
          <dt>Retries</dt>
          <dd>
            {safeDescribe(preview.retry)}
            {timeScale !== 1 && preview.retry.kind !== 'none' ? <span className="muted"> · time ×{timeScale}</span> : null}
          </dd>
          <dt>Transport</dt>
          <dd>{preview.transport === 'pooled' ? 'pooled (undici keep-alive)' : 'exact (bytes as given, one connection)'}</dd>
        </dl>
      </section>
      {preview.macros.length ? <MacroTable preview={preview} /> : null}
    </div>
  );
}

function safeDescribe(policy: SendPreview['retry']): string {
  try {
    return describePolicy(policy);
  } catch {
    return policy.kind;
  }
}

function PreviewBody({ preview, spec }: { preview: SendPreview; spec: TemplateSpec }) {
  const annotated = useMemo(() => annotate(spec, preview), [spec, preview]);
  const bodyBytes = useMemo(() => base64ToBytes(preview.body).length, [preview.body]);
  const problems = preview.problems;
  return (
    <>
      <div className={`preview-status ${problems.length ? 'is-bad' : 'is-ok'}`} data-testid="preview-status">
        {problems.length ? (
          <strong className="text-error">
            ✕ {problems.length} {problems.length === 1 ? 'problem' : 'problems'}: the send will be refused
          </strong>
        ) : (
          <strong className="text-ok">✓ Ready to send</strong>
        )}
        <span className="muted small">fully expanded, exactly as it goes on the wire</span>
        <span className="spacer" />
        <CopyButton text={() => previewCurl(preview)} label="Copy as cURL" className="btn-small" testId="preview-copy-curl" />
      </div>
      {problems.length ? <ProblemList problems={problems} testId="preview-problems" /> : null}
      <section className="section">
        <h3 className="section-title">Request line</h3>
        <p className="preview-url mono" data-testid="preview-url">
          <span className={`method method-${preview.method.toLowerCase()}`}>{preview.method}</span> <Segments segs={annotated.url} />
        </p>
      </section>
      <section className="section">
        <h3 className="section-title">
          Headers <span className="count num">{annotated.headers.length}</span>
        </h3>
        <table className="kv-table preview-headers" data-testid="preview-headers">
          <tbody>
            {annotated.headers.map((h, i) => (
              <tr key={i} className={h.added ? 'is-added' : undefined}>
                <td className="col-name mono">
                  {h.name}
                  {h.added ? (
                    <span className="flag flag-added" title="Added by the sender or the transport, not written in the template">
                      added
                    </span>
                  ) : null}
                </td>
                <td className="mono preview-value">
                  <Segments segs={h.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {annotated.body ? (
        <section className="section">
          <h3 className="section-title">
            Body <span className="count num">{formatBytes(bodyBytes)}</span>
          </h3>
          <pre className="preview-body mono" data-testid="preview-body">
            <Segments segs={annotated.body} />
          </pre>
        </section>
      ) : bodyBytes > 0 ? (
        <p className="muted small">The body ({formatBytes(bodyBytes)}) is not text.</p>
      ) : null}
      {preview.notes.length ? (
        <ul className="preview-notes small muted" data-testid="preview-notes">
          {preview.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      {!annotated.aligned ? <p className="muted small">Values are shown unmarked where the template and the request could not be lined up.</p> : null}
    </>
  );
}

/** The expanded text with each inserted value marked where it sits: filled, empty, or unknown. */
function Segments({ segs }: { segs: Segment[] }) {
  return (
    <>
      {segs.map((s, i) => {
        if (s.kind === 'text') return <VisibleText key={i} text={s.text} />;
        if (s.kind === 'added') {
          return (
            <ins key={i} className="mx-added" title="Not in the template: added when sent (e.g. the signature)">
              <VisibleText text={s.text} />
            </ins>
          );
        }
        if (s.kind === 'leftover') {
          return (
            <mark key={i} className="mx mx-unknown" title={s.problem.message} data-testid="mx-leftover">
              {s.text}
            </mark>
          );
        }
        const u = s.use;
        const title =
          s.state === 'unknown'
            ? `${u.token}: no value (${u.slot}). Click to give it one.`
            : `${u.token} = ${JSON.stringify(u.value)} → ${JSON.stringify(u.inserted)} (${u.slot}, ${u.encoding}, from ${u.source === 'var' ? 'your value' : u.source})`;
        return (
          <mark
            key={i}
            className={`mx mx-${s.state} ${s.text === '' ? 'is-empty' : ''}`}
            title={title}
            data-testid={`mx-${s.state}`}
            data-token={u.token}
            onClick={() => focusValue(u.name)}
          >
            {s.text === '' ? <span className="sr-only">(empty)</span> : <VisibleText text={s.text} />}
          </mark>
        );
      })}
    </>
  );
}

function MacroTable({ preview }: { preview: SendPreview }) {
  return (
    <details className="section macro-table-wrap">
      <summary className="section-title">
        Macros <span className="count num">{preview.macros.length}</span>
      </summary>
      <table className="kv-table macro-table small" data-testid="macro-table">
        <thead>
          <tr>
            <th>Token</th>
            <th>Slot</th>
            <th>Value</th>
            <th>Inserted</th>
            <th>Encoding</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {preview.macros.map((m, i) => (
            <tr key={i} className={m.source === 'unknown' ? 'is-flagged' : undefined}>
              <td className="mono">{m.token}</td>
              <td>{m.slot}</td>
              <td className="mono">{m.value === null ? <span className="text-error">none</span> : m.value === '' ? <span className="value-empty">(empty)</span> : <VisibleText text={m.value} />}</td>
              <td className="mono">{m.inserted === '' ? <span className="value-empty">(nothing)</span> : <VisibleText text={m.inserted} />}</td>
              <td>{m.encoding}</td>
              <td>{m.source === 'var' ? 'value' : m.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
