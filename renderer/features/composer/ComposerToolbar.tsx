import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { errorMessage } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useDelayed } from '../../components/Skeleton';
import {
  composerStore,
  currentSpec,
  deleteTemplate,
  dismissImportNotes,
  duplicateTemplate,
  isDirty,
  loadTemplates,
  newTemplate,
  revertTemplate,
  saveTemplate,
  selectTemplate,
  setEditorTab,
  type ComposerKey,
  type EditorTab,
} from '../../store/composer';
import { send } from '../../store/composer-send';
import { EpIcon } from '../endpoints/EpIcon';
import { EnvironmentPicker } from './EnvironmentPicker';
import { ImportCurlButton } from './ImportCurl';
import { PostmanImportButton, PostmanImportNotice } from './PostmanImport';
import { ErrorNote } from '../../components/ErrorNote';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const SAVE_KEY = isMac ? '⌘S' : 'Ctrl+S';
export const SEND_KEY = isMac ? '⌘↵' : 'Ctrl+↵';

/** Which editor tab holds a template field the server named. */
export function tabOfField(field: string | null): EditorTab {
  if (field === 'retry' || field === 'success' || field === 'dialect' || field === 'profileId' || field === 'timeoutMs' || field === 'idempotencyHeader' || field === 'followRedirects') return 'delivery';
  if (field === 'optional' || field === 'encode' || field === 'defaults') return 'values';
  return 'request';
}

export function ComposerToolbar() {
  const { templates, selected, phase, error, hasNew, saving, saveError, justSaved, sending, importNotes } = useStore(
    composerStore,
    useShallow((s) => ({
      templates: s.templates,
      selected: s.selected,
      phase: s.phase,
      error: s.error,
      hasNew: s.drafts['new'] !== undefined,
      saving: s.saving,
      saveError: s.saveError,
      justSaved: s.justSaved,
      sending: s.sending,
      importNotes: s.importNotes,
    })),
  );
  const dirty = useStore(composerStore, (s) => isDirty(s.selected, s));
  const name = useStore(composerStore, (s) => currentSpec(s).name);
  const savingSlow = useDelayed(saving);
  const sendingSlow = useDelayed(sending);
  const isNew = selected === 'new';

  useEffect(() => {
    if (!justSaved) return;
    const t = setTimeout(() => composerStore.setState({ justSaved: false }), 2000);
    return () => clearTimeout(t);
  }, [justSaved]);

  return (
    <div className="composer-top">
      <div className="composer-toolbar" role="toolbar" aria-label="Template">
        <h2 className="composer-title">Composer</h2>
        <label className="template-pick">
          <span className="muted small">Template</span>
          <select
            value={String(selected)}
            onChange={(e) => selectTemplate(e.target.value === 'new' ? 'new' : (Number(e.target.value) as ComposerKey))}
            data-testid="template-select"
            aria-label="Template"
          >
            {isNew || hasNew ? <option value="new">{isNew ? name || 'New template' : 'New template'} (not saved)</option> : null}
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {isNew ? (
          <span className="badge badge-unsaved">not saved</span>
        ) : dirty ? (
          <span className="badge badge-unsaved" data-testid="template-unsaved">
            unsaved changes
          </span>
        ) : null}
        <button type="button" className="btn btn-small" onClick={() => newTemplate()} data-testid="template-new" title="A new template (not saved until you save it)">
          <EpIcon name="plus" size={12} />
          New
        </button>
        <span className="toolbar-group" role="group" aria-label="Import a template">
          <span className="toolbar-group-label">Import</span>
          <ImportCurlButton />
          <PostmanImportButton />
        </span>
        <button type="button" className="btn btn-small" onClick={duplicateTemplate} title="Copy this template (and its values) as a new, unsaved one" data-testid="template-duplicate">
          <EpIcon name="duplicate" size={12} />
          Duplicate
        </button>
        {typeof selected === 'number' ? <DeleteTemplate id={selected} /> : null}
        {dirty && !isNew ? (
          <button type="button" className="btn btn-small" onClick={revertTemplate} data-testid="template-revert" title="Drop the unsaved changes">
            Revert
          </button>
        ) : null}
        <span className="spacer" />
        <EnvironmentPicker />
        {justSaved ? (
          <span className="saved-note" role="status" data-testid="template-saved">
            <Icon name="check" size={14} /> Saved
          </span>
        ) : null}
        <button
          type="button"
          className="btn"
          onClick={() => void saveTemplate()}
          disabled={saving || (!dirty && !isNew)}
          title={`${isNew ? 'Create' : 'Save'} the template (${SAVE_KEY})`}
          data-testid="template-save"
        >
          <EpIcon name="save" />
          {savingSlow ? 'Saving…' : isNew ? 'Create' : 'Save'}
          <kbd className="btn-kbd btn-kbd-plain">{SAVE_KEY}</kbd>
        </button>
        <button type="button" className="btn btn-accent" onClick={() => void send(false)} disabled={sending} title={`Send the postback (${SEND_KEY})`} data-testid="send">
          <Icon name="outbox" size={14} />
          {sendingSlow ? 'Sending…' : 'Send'}
          <kbd className="btn-kbd">{SEND_KEY}</kbd>
        </button>
      </div>
      <PostmanImportNotice />
      {phase === 'error' ? (
        <div className="notice notice-error" role="alert" data-testid="templates-error">
          ✕ Could not load the saved templates: {error}
          <button type="button" className="btn btn-small" onClick={() => void loadTemplates()}>
            Retry
          </button>
          <span className="muted small">You can still compose and preview a template here; saving needs the sender API.</span>
        </div>
      ) : null}
      {saveError ? (
        <div className="notice notice-error" role="alert" data-testid="template-save-error">
          <span>
            ✕ <strong>Not saved.</strong> {saveError.message}. Your edits are kept.
          </span>
          {saveError.field ? (
            <button type="button" className="btn btn-small" onClick={() => setEditorTab(tabOfField(saveError.field))}>
              Show the field
            </button>
          ) : null}
        </div>
      ) : null}
      {importNotes && importNotes.key === selected && (importNotes.warnings.length || importNotes.insecureTls) ? (
        <div className="notice notice-warn import-notes" role="note" data-testid="import-notes">
          <div>
            <strong>Imported from cURL, with notes:</strong>
            <ul>
              {importNotes.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
              {importNotes.insecureTls ? <li>-k/--insecure: certificate checks are off for sends from here (Delivery › Advanced).</li> : null}
            </ul>
          </div>
          <button type="button" className="btn btn-icon btn-quiet" onClick={dismissImportNotes} aria-label="Dismiss">
            <Icon name="close" size={12} />
          </button>
        </div>
      ) : null}
    </div>
  );
}

function DeleteTemplate({ id }: { id: number }) {
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onClick = async () => {
    if (!armed) {
      setArmed(true);
      timer.current = setTimeout(() => setArmed(false), 3000);
      return;
    }
    clearTimeout(timer.current);
    setArmed(false);
    try {
      await deleteTemplate(id);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <>
      <button type="button" className={`btn btn-small ${armed ? 'btn-danger' : ''}`} onClick={() => void onClick()} data-testid="template-delete" title={armed ? 'Click again to delete for good' : 'Delete this template'}>
        <Icon name="trash" size={12} />
        {armed ? 'Click again to delete' : 'Delete'}
      </button>
      <ErrorNote error={error} />
    </>
  );
}
