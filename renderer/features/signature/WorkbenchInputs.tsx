import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { SecretEncodingName, SecretKind } from '../../../src/model/profile';
import { api, errorMessage } from '../../api/client';
import { selectionStore } from '../../store/selection';
import { FormRow, NumberInput, SelectInput, useFieldError } from '../endpoints/fields';
import { ENCODINGS, KINDS } from '../profiles/ProfileSignatureTab';
import { usesPublicKey } from './SchemeOptions';
import { editWorkbench, type WorkbenchState } from './workbench-store';

/** The workbench's inputs: the request (pasted, or a captured one) and the secret (typed, or the profile's stored one). */

export function RequestInput({ state }: { state: WorkbenchState }) {
  const selectedId = useStore(selectionStore, (s) => s.selectedId);
  const rawError = useFieldError('raw', ['rawBase64']);
  return (
    <section className="wb-section">
      <h3 className="section-title">Request</h3>
      <div className="segmented" role="group" aria-label="Request source">
        <button type="button" className="seg" aria-pressed={state.source === 'exchange'} onClick={() => editWorkbench({ source: 'exchange', exchangeId: state.exchangeId ?? selectedId })} data-testid="wb-source-exchange">
          Captured postback
        </button>
        <button type="button" className="seg" aria-pressed={state.source === 'raw'} onClick={() => editWorkbench({ source: 'raw' })} data-testid="wb-source-raw">
          Paste a raw request
        </button>
      </div>
      {state.source === 'exchange' ? (
        <CapturedRequest id={state.exchangeId} selectedId={selectedId} />
      ) : (
        <span className="field">
          <textarea
            className={`mono wb-raw ${rawError ? 'is-invalid' : ''}`}
            rows={9}
            spellCheck={false}
            wrap="off"
            value={state.raw}
            aria-label="Raw HTTP request: request line, headers, blank line, body"
            aria-invalid={rawError ? true : undefined}
            data-field="raw"
            data-testid="wb-raw"
            placeholder={'POST /pb?click_id=1 HTTP/1.1\nHost: example\nX-Signature: …\n\n{"a":1}'}
            onChange={(e) => editWorkbench({ raw: e.target.value })}
          />
          {rawError ? (
            <span className="field-error" role="alert" data-testid="field-error" data-field-error="raw">
              ✕ {rawError}
            </span>
          ) : (
            <span className="form-hint muted small">Request line, headers, a blank line, the body — as `GET /api/exchanges/:id/raw` gives it. An absolute URL in the request line sets the URL as signed.</span>
          )}
        </span>
      )}
    </section>
  );
}

function CapturedRequest({ id, selectedId }: { id: number | null; selectedId: number | null }) {
  const [raw, setRaw] = useState<{ id: number; text: string } | { id: number; error: string } | null>(null);
  useEffect(() => {
    if (id === null) return;
    const abort = new AbortController();
    api.raw(id, abort.signal).then(
      (bytes) => setRaw({ id, text: new TextDecoder().decode(bytes) }),
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setRaw({ id, error: errorMessage(err) });
      },
    );
    return () => abort.abort();
  }, [id]);
  const shown = raw && raw.id === id ? raw : null;
  return (
    <div className="wb-captured">
      <div className="inline-fields">
        <label className="inline-label">
          <span>Postback #</span>
          <NumberInput field="exchangeId" label="Captured postback id" value={id ?? undefined} integer className="len-input" onChange={(n) => editWorkbench({ exchangeId: n ?? null })} />
        </label>
        {selectedId !== null && selectedId !== id ? (
          <button type="button" className="btn btn-small" onClick={() => editWorkbench({ exchangeId: selectedId })}>
            Use the selected postback (#{selectedId})
          </button>
        ) : null}
        <span className="spacer" />
        {shown && 'text' in shown ? (
          <button type="button" className="btn btn-small" onClick={() => editWorkbench({ source: 'raw', raw: shown.text })} title="Edit a copy of this request (sent as UTF-8 text)" data-testid="wb-edit-copy">
            Edit a copy
          </button>
        ) : null}
      </div>
      {id === null ? (
        <p className="muted small">Give a postback id, or select one in the Inbox first.</p>
      ) : shown && 'error' in shown ? (
        <p className="text-error small" role="alert">
          ✕ {shown.error}
        </p>
      ) : shown ? (
        <pre className="wb-raw-preview mono" data-testid="wb-raw-preview">
          {shown.text.length > 4000 ? `${shown.text.slice(0, 4000)}\n… (${shown.text.length - 4000} more characters)` : shown.text}
        </pre>
      ) : null}
    </div>
  );
}

export function SecretInput({ state, storedMask }: { state: WorkbenchState; storedMask: string | null }) {
  const [reveal, setReveal] = useState(false);
  const error = useFieldError('secret', ['secret.secret']);
  const apple = usesPublicKey(state.scheme);
  return (
    <section className="wb-section">
      <h3 className="section-title">Secret</h3>
      <FormRow
        label="Secret"
        htmlFor="wb-secret"
        hint={
          state.secret === ''
            ? storedMask
              ? `Empty: the profile’s stored secret (${storedMask}) is used.`
              : apple
                ? 'Empty: Apple’s built-in public keys are used.'
                : 'Needed to compute the expected signature.'
            : 'Used for this check only; never stored, never sent back.'
        }
      >
        <div className="secret-edit">
          <span className="field grow">
            <span className="secret-input-wrap">
              <input
                id="wb-secret"
                type={reveal ? 'text' : 'password'}
                className={`mono ${error ? 'is-invalid' : ''}`}
                value={state.secret}
                autoComplete="off"
                spellCheck={false}
                data-field="secret"
                data-testid="wb-secret"
                aria-invalid={error ? true : undefined}
                placeholder={storedMask ? `stored: ${storedMask}` : 'secret'}
                onChange={(e) => editWorkbench({ secret: e.target.value })}
              />
              <button type="button" className="btn btn-small btn-quiet" onClick={() => setReveal((r) => !r)} aria-pressed={reveal}>
                {reveal ? 'Hide' : 'Show'}
              </button>
            </span>
            {error ? (
              <span className="field-error" role="alert" data-testid="field-error" data-field-error="secret">
                ✕ {error}
              </span>
            ) : null}
          </span>
          <SelectInput<SecretKind> field="secret.kind" label="Kind of key" value={state.secretKind} options={KINDS} onChange={(secretKind) => editWorkbench({ secretKind })} />
          {state.secretKind === 'shared' ? (
            <SelectInput<SecretEncodingName> field="secret.encoding" label="Secret encoding" value={state.secretEncoding} options={ENCODINGS} testId="wb-secret-encoding" onChange={(secretEncoding) => editWorkbench({ secretEncoding })} />
          ) : null}
        </div>
      </FormRow>
    </section>
  );
}
