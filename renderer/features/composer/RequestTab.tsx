import { useRef } from 'react';
import { useStore } from 'zustand';
import type { BodyMode, TemplateSpec } from '../../../src/model/sender';
import { composerStore, editTemplate } from '../../store/composer';
import { FieldMessage, FormRow, SelectInput, TextInput, useFieldError } from '../endpoints/fields';
import { HeadersEditor } from '../endpoints/ResponseEditor';
import { MacroChips } from './MacroChips';
import { dialectExample, DIALECTS } from './template';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const BODY_MODES: ReadonlyArray<readonly [BodyMode, string, string]> = [
  ['none', 'None', 'No body'],
  ['form', 'Form', 'application/x-www-form-urlencoded: name=value&… (macros in values are form-encoded)'],
  ['json', 'JSON', 'A JSON document: macros inside strings are JSON-escaped, bare ones go in as numbers/literals'],
  ['raw', 'Raw', 'Sent as written, macros inserted as they are'],
];

const INSERTABLE = ['click_id', 'transaction_id', 'event', 'payout', 'revenue', 'currency', 'timestamp', 'uuid'];

export function RequestTab({ spec }: { spec: TemplateSpec }) {
  const urlRef = useRef<HTMLTextAreaElement>(null);
  const urlError = useFieldError('url');
  const bodyError = useFieldError('body');
  const dialect = DIALECTS.find((d) => d.value === spec.dialect);

  /** Puts a macro where the caret is in the URL (or at its end). */
  const insert = (name: string) => {
    const el = urlRef.current;
    const token = dialectExample(spec.dialect, name);
    const at = el && document.activeElement === el ? el.selectionStart : spec.url.length;
    const end = el && document.activeElement === el ? el.selectionEnd : at;
    editTemplate((t) => void (t.url = t.url.slice(0, at) + token + t.url.slice(end)), 'url');
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <div className="composer-form">
      <FormRow label="Name">
        <TextInput field="name" label="Template name" value={spec.name} onChange={(v) => editTemplate((t) => void (t.name = v), 'name')} testId="template-name" />
      </FormRow>
      <FormRow label="Request">
        <div className="method-url">
          <SelectInput
            field="method"
            label="Method"
            className="method-select"
            value={spec.method}
            options={METHODS.map((m) => [m, m] as const)}
            onChange={(v) => editTemplate((t) => void (t.method = v), 'method')}
            testId="template-method"
          />
          <span className="field url-field">
            <textarea
              ref={urlRef}
              rows={2}
              className={`mono url-input ${urlError ? 'is-invalid' : ''}`}
              aria-label="URL with macros"
              aria-invalid={urlError ? true : undefined}
              aria-describedby={urlError ? 'template-url-error' : undefined}
              data-field="url"
              spellCheck={false}
              value={spec.url}
              placeholder={`https://partner.example/postback?click_id=${dialectExample(spec.dialect)}`}
              onChange={(e) => editTemplate((t) => void (t.url = e.target.value.replace(/[\r\n]+/g, '')), 'url')}
              onKeyDown={(e) => {
                // One line: Enter would otherwise add a newline the URL cannot carry.
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) e.preventDefault();
              }}
              data-testid="template-url"
            />
            <FieldMessage id="template-url-error" field="url" message={urlError} />
          </span>
        </div>
        <MacroChips where="url" />
        <div className="insert-line small">
          <span className="muted">Insert at the caret:</span>
          {INSERTABLE.map((name) => (
            <button key={name} type="button" className="chip chip-button mono" onMouseDown={(e) => e.preventDefault()} onClick={() => insert(name)} title={`Insert ${dialectExample(spec.dialect, name)}`}>
              {dialectExample(spec.dialect, name)}
            </button>
          ))}
          <span className="muted" title="Change it in Delivery">
            · dialect <code>{dialect?.example}</code>
          </span>
        </div>
      </FormRow>
      <FormRow label="Headers" hint="In this order and letter case. Host, Connection, Content-Length and the idempotency key are added when sent (see the preview).">
        <HeadersEditor headers={spec.headers} field="headers" template={false} onChange={(next) => editTemplate((t) => void (t.headers = next), 'headers')} />
      </FormRow>
      <FormRow label="Body">
        <div className="segmented body-modes" role="group" aria-label="Body mode">
          {BODY_MODES.map(([mode, label, title]) => (
            <button
              key={mode}
              type="button"
              className="seg"
              aria-pressed={spec.bodyMode === mode}
              title={title}
              onClick={() => editTemplate((t) => void (t.bodyMode = mode), 'bodyMode')}
              data-testid={`body-mode-${mode}`}
            >
              {label}
            </button>
          ))}
        </div>
        {spec.bodyMode !== 'none' ? (
          <span className="field">
            <textarea
              className={`mono body-text ${bodyError ? 'is-invalid' : ''}`}
              rows={spec.bodyMode === 'json' ? 8 : 4}
              aria-label="Body with macros"
              data-field="body"
              spellCheck={false}
              value={spec.body}
              placeholder={
                spec.bodyMode === 'json'
                  ? `{"click_id": "${dialectExample(spec.dialect)}", "payout": ${dialectExample(spec.dialect, 'payout')}}`
                  : spec.bodyMode === 'form'
                    ? `click_id=${dialectExample(spec.dialect)}&payout=${dialectExample(spec.dialect, 'payout')}`
                    : 'Anything; macros are inserted as they are'
              }
              onChange={(e) => editTemplate((t) => void (t.body = e.target.value), 'body')}
              data-testid="template-body"
            />
            <FieldMessage id="template-body-error" field="body" message={bodyError} />
          </span>
        ) : spec.body ? (
          <span className="muted small">The body text is kept but not sent while the mode is None.</span>
        ) : null}
        {spec.bodyMode !== 'none' ? <MacroChips where="body" /> : null}
      </FormRow>
      <BodyHint spec={spec} />
    </div>
  );
}

function BodyHint({ spec }: { spec: TemplateSpec }) {
  const hasType = spec.headers.some(([n]) => n.toLowerCase() === 'content-type');
  const notes = useStore(composerStore, (s) => s.preview?.notes ?? null);
  if (spec.bodyMode === 'none' || hasType || !notes?.some((n) => n.startsWith('Content-Type'))) return null;
  return <p className="muted small composer-note">{notes.find((n) => n.startsWith('Content-Type'))}</p>;
}
