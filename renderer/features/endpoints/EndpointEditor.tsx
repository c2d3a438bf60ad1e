import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { EndpointInput } from '../../../src/model/endpoint';
import { errorMessage } from '../../api/client';
import { endpointsApi } from '../../api/endpoints';
import { CopyButton } from '../../components/CopyButton';
import { editorTabs, JsonBlockedNotice, SaveError } from '../../components/EditorParts';
import { Icon } from '../../components/Icon';
import { JsonDefinitionTab } from '../../components/JsonDefinitionTab';
import { Tabs } from '../../components/Tabs';
import { useDelayed } from '../../components/Skeleton';
import { jumpToField, SAVE_KEY, useEditorSave } from '../../components/use-editor-save';
import { exactTime } from '../../lib/format';
import {
  deleteEndpoint,
  duplicateEndpoint,
  editEndpoint,
  editJson,
  endpointsStore,
  isDirty,
  revertEndpoint,
  saveEndpoint,
  type EditorKey,
} from '../../store/endpoints';
import { statusStore } from '../../store/status';
import { errorsByField, prettyJson, tabForField, toInput, type EditorTab } from './draft';
import { EpIcon } from './EpIcon';
import { FieldErrorsContext } from './fields';
import { CallbackTab, FallbackTab, SettingsTab } from './OtherTabs';
import { RulesTab } from './RulesTab';

const TAB_LABEL: Record<EditorTab, string> = { rules: 'Rules', fallback: 'Fallback', callback: 'Callback', settings: 'Settings', json: 'JSON' };
const TAB_ORDER: EditorTab[] = ['rules', 'fallback', 'callback', 'settings', 'json'];

const JSON_TEST_IDS = { text: 'endpoint-json', parseError: 'json-parse-error', errors: 'json-errors', shapeProblem: 'json-shape-problem' };

export function EndpointEditor({ editorKey, tab, onTab }: { editorKey: EditorKey; tab: EditorTab; onTab: (tab: EditorTab) => void }) {
  const item = useStore(endpointsStore, (s) => (editorKey === 'new' ? null : (s.items.find((e) => e.id === editorKey) ?? null)));
  const draft = useStore(endpointsStore, (s) => s.drafts[String(editorKey)] ?? null);
  const dirty = useStore(endpointsStore, (s) => isDirty(editorKey, s));
  const saved = useMemo(() => (item ? toInput(item) : null), [item]);
  const value: EndpointInput | null = draft?.value ?? saved;
  const errors = draft?.errors ?? [];
  const errorMap = useMemo(() => errorsByField(errors), [errors]);
  const savingSlow = useDelayed(draft?.saving ?? false);
  const { justSaved, setJustSaved, save } = useEditorSave(
    useCallback(() => isDirty(editorKey), [editorKey]),
    useCallback(() => saveEndpoint(editorKey), [editorKey]),
    2000,
  );

  const edit = useCallback(
    (mutate: (v: EndpointInput) => void, touched?: string) => {
      setJustSaved(false);
      editEndpoint(editorKey, mutate, touched);
    },
    [editorKey, setJustSaved],
  );

  const jump = (field: string) => jumpToField(field, () => onTab(tabForField(field)));

  if (!value) {
    return (
      <div className="ep-editor-empty muted pad" data-testid="endpoint-missing">
        This endpoint no longer exists.
      </div>
    );
  }

  const jsonBlocked = draft?.jsonParseError ?? draft?.jsonShapeProblem ?? null;
  const tabs = editorTabs(TAB_ORDER, TAB_LABEL, errors, tabForField, (key) => (
    <>
      {key === 'rules' ? <span className="count num">{value.rules.length}</span> : null}
      {key === 'callback' && value.callback ? <span className="tab-dot" aria-label="(on)" /> : null}
    </>
  ));

  const formTab = tab !== 'json';
  return (
    <FieldErrorsContext.Provider value={errorMap}>
      <div className="ep-editor" data-testid="endpoint-editor" data-endpoint-key={String(editorKey)}>
        <EditorHeader
          editorKey={editorKey}
          value={value}
          updatedAt={item?.updatedAt ?? null}
          dirty={dirty}
          saving={draft?.saving ?? false}
          savingSlow={savingSlow}
          justSaved={justSaved}
          onSave={() => void save()}
        />
        {draft && (draft.message || errors.length) ? (
          <SaveError title="Not saved." message={draft.message} errors={errors} onJump={jump} tabLabel={(f) => TAB_LABEL[tabForField(f)]} testId="save-error" />
        ) : null}
        <Tabs tabs={tabs} active={tab} onChange={onTab} idPrefix="endpoint" />
        <div className="tab-panel ep-panel" id="endpoint-panel" role="tabpanel" aria-labelledby={`endpoint-tab-${tab}`}>
          {formTab && jsonBlocked ? (
            <JsonBlockedNotice problem={jsonBlocked} onOpenJson={() => onTab('json')} onDiscard={() => editJson(editorKey, prettyJson(value))} />
          ) : tab === 'rules' ? (
            <RulesTab value={value} edit={edit} />
          ) : tab === 'fallback' ? (
            <FallbackTab value={value} edit={edit} />
          ) : tab === 'callback' ? (
            <CallbackTab value={value} edit={edit} />
          ) : tab === 'settings' ? (
            <SettingsTab value={value} edit={edit} />
          ) : (
            <JsonDefinitionTab
              hint="Edits here update the form as soon as they parse. Saving checks them on the server."
              label="Endpoint definition as JSON"
              testIds={JSON_TEST_IDS}
              text={draft?.jsonText ?? prettyJson(value)}
              parseError={draft?.jsonParseError ?? null}
              shapeProblem={draft?.jsonShapeProblem ?? null}
              errors={errors}
              onChange={(text) => {
                setJustSaved(false);
                editJson(editorKey, text);
              }}
            />
          )}
        </div>
      </div>
    </FieldErrorsContext.Provider>
  );
}

function EditorHeader({
  editorKey,
  value,
  updatedAt,
  dirty,
  saving,
  savingSlow,
  justSaved,
  onSave,
}: {
  editorKey: EditorKey;
  value: EndpointInput;
  updatedAt: number | null;
  dirty: boolean;
  saving: boolean;
  savingSlow: boolean;
  justSaved: boolean;
  onSave: () => void;
}) {
  const receiverUrl = useStore(statusStore, (s) => s.status?.receiverUrl ?? null);
  const isNew = editorKey === 'new';
  const sendTo = receiverUrl ? `${receiverUrl.replace(/\/+$/, '')}${value.path.startsWith('/') ? value.path : `/${value.path}`}` : null;
  return (
    <div className="ep-editor-head">
      <div className="ep-head-line">
        <h2 className="ep-editor-name" title={value.name}>
          {value.name || <span className="muted">Unnamed endpoint</span>}
        </h2>
        {isNew ? <span className="badge badge-unsaved">not saved</span> : dirty ? <span className="badge badge-unsaved" data-testid="unsaved-badge">unsaved changes</span> : null}
        {!value.enabled ? <span className="badge badge-off">disabled</span> : null}
        <span className="spacer" />
        {justSaved ? (
          <span className="saved-note" role="status" data-testid="saved-note">
            <Icon name="check" size={14} /> Saved — applies to the next request
          </span>
        ) : null}
        {dirty && !isNew ? (
          <button type="button" className="btn" onClick={() => revertEndpoint(editorKey)} disabled={saving} title="Drop the unsaved changes" data-testid="endpoint-revert">
            Revert
          </button>
        ) : null}
        {isNew ? (
          <button type="button" className="btn" onClick={() => revertEndpoint('new')} disabled={saving} data-testid="endpoint-discard">
            Discard
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-accent"
          onClick={onSave}
          disabled={!dirty || saving}
          title={`${isNew ? 'Create' : 'Save'} (${SAVE_KEY})`}
          data-testid="endpoint-save"
        >
          <EpIcon name="save" />
          {savingSlow ? 'Saving…' : isNew ? 'Create' : 'Save'}
          <kbd className="btn-kbd">{SAVE_KEY}</kbd>
        </button>
      </div>
      <div className="ep-head-meta">
        <span className="ep-methods">
          {value.methods.length === 0 ? (
            <span className="method muted">ANY</span>
          ) : (
            value.methods.map((m) => (
              <span key={m} className={`method method-${m.toLowerCase()}`}>
                {m.toUpperCase()}
              </span>
            ))
          )}
        </span>
        {sendTo ? (
          <span className="send-to">
            <code className="mono" title="Send requests here" data-testid="endpoint-url">
              {sendTo}
            </code>
            <CopyButton text={sendTo} title="Copy URL" className="btn-quiet btn-tiny" />
          </span>
        ) : (
          <code className="mono">{value.path}</code>
        )}
        {updatedAt ? (
          <span className="muted small" title={exactTime(updatedAt)}>
            saved {exactTime(updatedAt).slice(0, 19)}
          </span>
        ) : null}
        <span className="spacer" />
        {typeof editorKey === 'number' ? <EndpointActions id={editorKey} /> : null}
      </div>
    </div>
  );
}

function EndpointActions({ id }: { id: number }) {
  const [confirm, setConfirm] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!confirm) return;
    const t = setTimeout(() => setConfirm(false), 4000);
    return () => clearTimeout(t);
  }, [confirm]);
  useEffect(() => {
    if (!note || note.error) return;
    const t = setTimeout(() => setNote(null), 2500);
    return () => clearTimeout(t);
  }, [note]);

  const run = async (what: () => Promise<void>, done: string | null) => {
    setBusy(true);
    setNote(null);
    try {
      await what();
      if (done) setNote({ text: done, error: false });
    } catch (err) {
      setNote({ text: errorMessage(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="ep-actions">
      {note ? (
        <span className={note.error ? 'text-error small' : 'saved-note small'} role={note.error ? 'alert' : 'status'} data-testid="endpoint-action-note">
          {note.error ? '✕ ' : '✓ '}
          {note.text}
        </span>
      ) : null}
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void run(() => endpointsApi.reset(id), 'Counters reset: hits, sequences and fail-first start over')}
        title="Restart request counters, sequences and fail-first counts"
        data-testid="endpoint-reset"
      >
        <EpIcon name="reset" size={12} />
        Reset counters
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void run(() => duplicateEndpoint(id), null)}
        title="Copy this endpoint as saved (the copy starts disabled)"
        data-testid="endpoint-duplicate"
      >
        <EpIcon name="duplicate" size={12} />
        Duplicate
      </button>
      <button
        type="button"
        className={`btn btn-small ${confirm ? 'btn-danger' : ''}`}
        disabled={busy}
        onClick={() => (confirm ? void run(() => deleteEndpoint(id), null) : setConfirm(true))}
        onBlur={() => setConfirm(false)}
        title={confirm ? 'Click again to delete for good' : 'Delete this endpoint'}
        data-testid="endpoint-delete"
      >
        <Icon name="trash" size={12} />
        {confirm ? 'Click again to delete' : 'Delete'}
      </button>
    </span>
  );
}
