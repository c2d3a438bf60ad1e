import { useRef, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { CallbackSpec, EndpointInput } from '../../../src/model/endpoint';
import { statusStore } from '../../store/status';
import { ProfilePicker } from '../profiles/ProfilePicker';
import { ContainerErrors, FormRow, NumberInput, SelectInput, TextArea, TextInput, fieldDomId, useFieldError } from './fields';
import { FailureEditor, type FailureHost } from './FailureEditor';
import { ListInput } from './ListInput';
import { HeadersEditor, ResponseEditor } from './ResponseEditor';
import type { Edit } from './RulesTab';
import { TemplateHelp } from './TemplateHelp';

export function FallbackTab({ value, edit }: { value: EndpointInput; edit: Edit }) {
  return (
    <div className="plain-tab">
      <p className="tab-intro muted">What this endpoint answers when no rule applies.</p>
      <ResponseEditor
        value={value.fallback}
        field="fallback"
        testId="fallback-editor"
        onChange={(mutate, touched) => edit((v) => mutate(v.fallback), touched)}
      />
      <div className="rule-section" data-testid="fallback-failure">
        <div className="rule-section-title">Failure injection</div>
        <FailureEditor
          failure={value.fallbackFailure}
          at="fallbackFailure"
          testSuffix="fallback"
          editHost={(mutate, touched) =>
            edit((v) => {
              // The editor works on a `{ failure }` host; the endpoint keeps it as `fallbackFailure`.
              const host: FailureHost = v.fallbackFailure ? { failure: v.fallbackFailure } : {};
              mutate(host);
              if (host.failure) v.fallbackFailure = host.failure;
              else delete v.fallbackFailure;
            }, touched)
          }
        />
      </div>
    </div>
  );
}

const CALLBACK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export function CallbackTab({ value, edit }: { value: EndpointInput; edit: Edit }) {
  const receiverUrl = useStore(statusStore, (s) => s.status?.receiverUrl ?? 'http://127.0.0.1:4100');
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const urlRef = useRef<HTMLInputElement | null>(null);
  const cb = value.callback ?? null;
  const editCb = (mutate: (c: CallbackSpec) => void, touched: string) => edit((v) => v.callback && mutate(v.callback), touched);
  return (
    <div className="plain-tab" data-field-container="callback">
      <p className="tab-intro muted">
        After answering, fire a postback built from the request — “answer 202, then send the webhook”. It goes through
        the sender, so it appears in the Outbox with every attempt.
      </p>
      <label className="check check-lg">
        <input
          type="checkbox"
          checked={cb !== null}
          data-field="callback"
          data-testid="callback-enabled"
          onChange={(e) =>
            edit((v) => {
              if (e.target.checked) {
                v.callback = {
                  url: `${receiverUrl.replace(/\/+$/, '')}/callback?click_id={{query.click_id}}`,
                  method: 'GET',
                  headers: [],
                  body: '',
                  delayMs: 1000,
                };
              } else delete v.callback;
            }, 'callback')
          }
        />
        <span>Send a callback after answering</span>
      </label>
      <ContainerErrors field="callback" />
      {cb ? (
        <div className="callback-form">
          <FormRow label="Method" htmlFor={fieldDomId('callback.method')}>
            <SelectInput
              field="callback.method"
              label="Callback method"
              value={cb.method}
              options={CALLBACK_METHODS.map((m) => [m, m] as const)}
              onChange={(m) => editCb((c) => void (c.method = m), 'callback.method')}
            />
          </FormRow>
          <FormRow label="URL" htmlFor={fieldDomId('callback.url')} hint="A template: placeholders are filled from the request that was answered.">
            <CallbackUrl value={cb.url} inputRef={urlRef} onChange={(t) => editCb((c) => void (c.url = t), 'callback.url')} />
            <TemplateHelp target={() => urlRef.current} onInsert={(t) => editCb((c) => void (c.url = t), 'callback.url')} />
          </FormRow>
          <FormRow label="Delay" htmlFor={fieldDomId('callback.delayMs')}>
            <NumberInput
              field="callback.delayMs"
              label="Callback delay in milliseconds"
              value={cb.delayMs}
              integer
              required
              suffix="ms after the answer"
              className="ms-input"
              onChange={(n) => editCb((c) => void (c.delayMs = n ?? NaN), 'callback.delayMs')}
            />
          </FormRow>
          <FormRow label="Headers">
            <HeadersEditor headers={cb.headers} field="callback.headers" onChange={(next, touched) => editCb((c) => void (c.headers = next), touched)} />
          </FormRow>
          <FormRow label="Body" htmlFor={fieldDomId('callback.body')}>
            <TextArea
              field="callback.body"
              label="Callback body template"
              value={cb.body}
              mono
              rows={5}
              className="body-input"
              onRef={(el) => (bodyRef.current = el)}
              onChange={(t) => editCb((c) => void (c.body = t), 'callback.body')}
            />
            <TemplateHelp target={() => bodyRef.current} onInsert={(t) => editCb((c) => void (c.body = t), 'callback.body')} />
          </FormRow>
        </div>
      ) : null}
    </div>
  );
}

/** A text input that also hands its element out (the placeholder list inserts at its cursor). */
function CallbackUrl({ value, onChange, inputRef }: { value: string; onChange: (t: string) => void; inputRef: RefObject<HTMLInputElement | null> }) {
  const message = useFieldError('callback.url');
  return (
    <span className="field">
      <input
        ref={inputRef}
        id={fieldDomId('callback.url')}
        data-field="callback.url"
        className={`mono ${message ? 'is-invalid' : ''}`}
        aria-label="Callback URL template"
        aria-invalid={message ? true : undefined}
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {message ? (
        <span className="field-error" data-testid="field-error" data-field-error="callback.url" role="alert">
          ✕ {message}
        </span>
      ) : null}
    </span>
  );
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function SettingsTab({ value, edit }: { value: EndpointInput; edit: Edit }) {
  const receiverUrl = useStore(statusStore, (s) => s.status?.receiverUrl ?? null);
  const custom = value.methods.filter((m) => !METHODS.includes(m.toUpperCase()));
  const methodsError = useFieldError('methods', value.methods.map((_, i) => `methods[${i}]`));
  return (
    <div className="plain-tab settings-tab">
      <FormRow label="Name" htmlFor={fieldDomId('name')}>
        <TextInput field="name" label="Endpoint name" value={value.name} testId="endpoint-name" onChange={(t) => edit((v) => void (v.name = t), 'name')} />
      </FormRow>
      <FormRow label="Enabled" hint="A disabled endpoint is skipped: the next match (or the default 200 OK) answers.">
        <label className="check">
          <input type="checkbox" checked={value.enabled} data-field="enabled" onChange={(e) => edit((v) => void (v.enabled = e.target.checked), 'enabled')} />
          <span>{value.enabled ? 'On' : 'Off'}</span>
        </label>
      </FormRow>
      <FormRow label="Methods" hint={value.methods.length === 0 ? 'None chosen: any method matches.' : undefined}>
        <div className="method-toggles" role="group" aria-label="Methods" data-field="methods">
          {METHODS.map((m) => {
            const on = value.methods.some((x) => x.toUpperCase() === m);
            return (
              <button
                key={m}
                type="button"
                className={`method-toggle method method-${m.toLowerCase()}`}
                aria-pressed={on}
                onClick={() =>
                  edit((v) => {
                    v.methods = on ? v.methods.filter((x) => x.toUpperCase() !== m) : [...v.methods, m];
                  }, 'methods')
                }
              >
                {m}
              </button>
            );
          })}
          {custom.map((m) => (
            <span key={m} className="chip mono">
              {m}
            </span>
          ))}
        </div>
        {methodsError ? (
          <span className="field-error" data-testid="field-error" data-field-error="methods" role="alert">
            ✕ {methodsError}
          </span>
        ) : null}
      </FormRow>
      <FormRow
        label="Path"
        htmlFor={fieldDomId('path')}
        hint={
          <>
            <code>/pb</code> exact · <code>/pb/:partner</code> one segment, read as <code>{'{{path.partner}}'}</code> ·{' '}
            <code>/hooks/*</code> anything below
            {receiverUrl ? (
              <>
                <br />
                Send to <code className="send-url">{receiverUrl.replace(/\/+$/, '') + value.path}</code>
              </>
            ) : null}
          </>
        }
      >
        <TextInput field="path" label="Path pattern" value={value.path} mono testId="endpoint-path" onChange={(t) => edit((v) => void (v.path = t), 'path')} />
      </FormRow>
      <FormRow label="Correlation keys" htmlFor={fieldDomId('correlationKeys')} hint="Params whose values identify one conversion, e.g. click_id, transaction_id. A repeat is flagged as a duplicate.">
        <ListInput
          field="correlationKeys"
          label="Correlation keys, comma-separated"
          value={value.correlationKeys}
          placeholder="click_id, transaction_id"
          onChange={(keys) => edit((v) => void (v.correlationKeys = keys), 'correlationKeys')}
        />
      </FormRow>
      <FormRow label="Profile" htmlFor={fieldDomId('profileId')} hint="The partner profile every postback of this endpoint is checked against: params, signature, macros. The Inbox shows the verdict.">
        <ProfilePicker
          value={value.profileId ?? null}
          onChange={(id) => edit((v) => void (id !== null ? (v.profileId = id) : v.profileId != null ? (v.profileId = null) : undefined), 'profileId')}
        />
      </FormRow>
      <FormRow label="Notes" htmlFor={fieldDomId('notes')}>
        <TextArea
          field="notes"
          label="Notes"
          value={value.notes ?? ''}
          rows={3}
          placeholder="What this mock stands in for, links to the partner's spec…"
          onChange={(t) => edit((v) => (t ? (v.notes = t) : delete v.notes), 'notes')}
        />
      </FormRow>
      {value.preset ? (
        <FormRow label="Preset">
          <code className="chip mono">{value.preset}</code>
        </FormRow>
      ) : null}
    </div>
  );
}
