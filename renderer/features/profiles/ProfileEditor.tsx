import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { FieldError } from '../../../src/model/endpoint';
import type { ProfileInput } from '../../../src/model/profile';
import { errorMessage } from '../../api/client';
import { Icon } from '../../components/Icon';
import { useDelayed } from '../../components/Skeleton';
import { Tabs, type TabDef } from '../../components/Tabs';
import { exactTime } from '../../lib/format';
import {
  deleteProfile,
  editProfile,
  editProfileJson,
  isDirty,
  profilesStore,
  revertProfile,
  saveProfile,
  setProfileTab,
  type EditorKey,
} from '../../store/profiles';
import { errorsByField, parentField, prettyJson } from '../endpoints/draft';
import { EpIcon } from '../endpoints/EpIcon';
import { FieldErrorsContext } from '../endpoints/fields';
import { openWorkbench } from '../signature/workbench-store';
import { tabForField, toInput, type ProfileTab } from './draft';
import { ParamsTab } from './ParamsTab';
import { ProfileJsonTab } from './ProfileJsonTab';
import { ProfileSettingsTab } from './ProfileSettingsTab';
import { ProfileSignatureTab } from './ProfileSignatureTab';
import { WorkbenchIcon } from './ProfileToolbar';

const TAB_LABEL: Record<ProfileTab, string> = { params: 'Params', signature: 'Signature', settings: 'Settings', json: 'JSON' };
const TAB_ORDER: ProfileTab[] = ['params', 'signature', 'settings', 'json'];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SAVE_KEY = isMac ? '⌘S' : 'Ctrl+S';

export type ProfileEdit = (mutate: (v: ProfileInput) => void, touched?: string) => void;

/** Focus the input a server error names; when it is not on screen, the nearest container that is. */
function focusField(field: string): void {
  let f: string | null = field;
  while (f) {
    const el =
      document.querySelector<HTMLElement>(`.profile-editor [data-field="${CSS.escape(f)}"]`) ??
      document.querySelector<HTMLElement>(`.profile-editor [data-field-container="${CSS.escape(f)}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      if (el.matches('input, select, textarea, button')) el.focus();
      return;
    }
    f = parentField(f);
  }
}

export function ProfileEditor({ editorKey }: { editorKey: EditorKey }) {
  const item = useStore(profilesStore, (s) => (editorKey === 'new' ? null : (s.items.find((p) => p.id === editorKey) ?? null)));
  const draft = useStore(profilesStore, (s) => s.drafts[String(editorKey)] ?? null);
  const dirty = useStore(profilesStore, (s) => isDirty(editorKey, s));
  const tab = useStore(profilesStore, (s) => s.tab);
  const saved = useMemo(() => (item ? toInput(item) : null), [item]);
  const value: ProfileInput | null = draft?.value ?? saved;
  const errors = draft?.errors ?? [];
  const errorMap = useMemo(() => errorsByField(errors), [errors]);
  const [justSaved, setJustSaved] = useState(false);
  const savingSlow = useDelayed(draft?.saving ?? false);

  const save = useCallback(async () => {
    if (!isDirty(editorKey)) return;
    if (await saveProfile(editorKey)) setJustSaved(true);
  }, [editorKey]);

  useEffect(() => {
    if (!justSaved) return;
    const t = setTimeout(() => setJustSaved(false), 2500);
    return () => clearTimeout(t);
  }, [justSaved]);

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const edit: ProfileEdit = useCallback(
    (mutate, touched) => {
      setJustSaved(false);
      editProfile(editorKey, mutate, touched);
    },
    [editorKey],
  );

  const jump = (field: string) => {
    setProfileTab(tabForField(field));
    requestAnimationFrame(() => requestAnimationFrame(() => focusField(field)));
  };

  if (!value) {
    return (
      <div className="ep-editor-empty muted pad" data-testid="profile-missing">
        This profile no longer exists.
      </div>
    );
  }

  const jsonBlocked = draft?.jsonParseError ?? draft?.jsonShapeProblem ?? null;
  const perTab = new Map<ProfileTab, number>();
  for (const e of errors) perTab.set(tabForField(e.field), (perTab.get(tabForField(e.field)) ?? 0) + 1);
  const tabs: TabDef<ProfileTab>[] = TAB_ORDER.map((key) => ({
    key,
    label: (
      <>
        {TAB_LABEL[key]}
        {key === 'params' ? <span className="count num">{value.params.length}</span> : null}
        {key === 'signature' && value.signature ? <span className="tab-dot" aria-label="(on)" /> : null}
        {perTab.get(key) ? (
          <span className="tab-errors num" aria-label={`${perTab.get(key)} problems`}>
            ✕ {perTab.get(key)}
          </span>
        ) : null}
      </>
    ),
  }));

  return (
    <FieldErrorsContext.Provider value={errorMap}>
      <div className="ep-editor profile-editor" data-testid="profile-editor" data-profile-key={String(editorKey)}>
        <div className="ep-editor-head">
          <div className="ep-head-line">
            <h2 className="ep-editor-name" title={value.name}>
              {value.name || <span className="muted">Unnamed profile</span>}
            </h2>
            {editorKey === 'new' ? (
              <span className="badge badge-unsaved">not saved</span>
            ) : dirty ? (
              <span className="badge badge-unsaved" data-testid="profile-unsaved">
                unsaved changes
              </span>
            ) : null}
            <span className="spacer" />
            {justSaved ? (
              <span className="saved-note" role="status" data-testid="profile-saved-note">
                <Icon name="check" size={14} /> Saved — verdicts are being recomputed
              </span>
            ) : null}
            {dirty && editorKey !== 'new' ? (
              <button type="button" className="btn" onClick={() => revertProfile(editorKey)} disabled={draft?.saving} title="Drop the unsaved changes" data-testid="profile-revert">
                Revert
              </button>
            ) : null}
            {editorKey === 'new' ? (
              <button type="button" className="btn" onClick={() => revertProfile('new')} disabled={draft?.saving} data-testid="profile-discard">
                Discard
              </button>
            ) : null}
            <button
              type="button"
              className="btn btn-accent"
              onClick={() => void save()}
              disabled={!dirty || draft?.saving}
              title={`${editorKey === 'new' ? 'Create' : 'Save'} (${SAVE_KEY})`}
              data-testid="profile-save"
            >
              <EpIcon name="save" />
              {savingSlow ? 'Saving…' : editorKey === 'new' ? 'Create' : 'Save'}
              <kbd className="btn-kbd">{SAVE_KEY}</kbd>
            </button>
          </div>
          <div className="ep-head-meta">
            {value.preset ? <span className="badge badge-preset">preset {value.preset}</span> : null}
            <span className="muted small">
              {value.params.length} {value.params.length === 1 ? 'param' : 'params'} · {value.signature ? <code>{value.signature.scheme}</code> : 'no signature'}
              {item?.secret ? <> · secret <code>{item.secret.masked}</code></> : null}
            </span>
            {item?.updatedAt ? (
              <span className="muted small" title={exactTime(item.updatedAt)}>
                saved {exactTime(item.updatedAt).slice(0, 19)}
              </span>
            ) : null}
            <span className="spacer" />
            {typeof editorKey === 'number' ? (
              <span className="ep-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => void openWorkbench({ profileId: editorKey })}
                  title="Try this profile's signature on a pasted or captured request"
                  data-testid="profile-workbench"
                >
                  <WorkbenchIcon />
                  Workbench
                </button>
                <DeleteButton id={editorKey} name={value.name} />
              </span>
            ) : null}
          </div>
        </div>
        {draft && (draft.message || errors.length) ? <SaveError message={draft.message} errors={errors} onJump={jump} definitionSaved={draft.definitionSaved} /> : null}
        <Tabs tabs={tabs} active={tab} onChange={setProfileTab} idPrefix="profile" />
        <div className="tab-panel ep-panel" id="profile-panel" role="tabpanel" aria-labelledby={`profile-tab-${tab}`}>
          {tab !== 'json' && jsonBlocked ? (
            <div className="notice notice-warn" role="note">
              ⚠ The JSON tab holds edits the form cannot show ({jsonBlocked}).
              <button type="button" className="btn btn-small" onClick={() => setProfileTab('json')}>
                Open JSON
              </button>
              <button type="button" className="btn btn-small" onClick={() => editProfileJson(editorKey, prettyJson(value))}>
                Discard the JSON edits
              </button>
            </div>
          ) : tab === 'params' ? (
            <ParamsTab value={value} edit={edit} />
          ) : tab === 'signature' ? (
            <ProfileSignatureTab editorKey={editorKey} value={value} edit={edit} />
          ) : tab === 'settings' ? (
            <ProfileSettingsTab value={value} edit={edit} />
          ) : (
            <ProfileJsonTab
              text={draft?.jsonText ?? prettyJson(value)}
              parseError={draft?.jsonParseError ?? null}
              shapeProblem={draft?.jsonShapeProblem ?? null}
              errors={errors}
              onChange={(text) => {
                setJustSaved(false);
                editProfileJson(editorKey, text);
              }}
            />
          )}
        </div>
      </div>
    </FieldErrorsContext.Provider>
  );
}

function SaveError({
  message,
  errors,
  onJump,
  definitionSaved,
}: {
  message: string | null;
  errors: readonly FieldError[];
  onJump: (field: string) => void;
  definitionSaved: boolean;
}) {
  return (
    <div className="save-error" role="alert" data-testid="profile-save-error">
      <div className="save-error-title">
        <span className="inline-error-icon" aria-hidden="true">
          ✕
        </span>
        <strong>{definitionSaved ? 'Profile saved, secret not saved.' : 'Not saved.'}</strong>
        <span>
          {errors.length
            ? `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}; your edits are kept — fix and save again.`
            : `${message ?? 'The save failed.'} Your edits are kept.`}
        </span>
      </div>
      {errors.length ? (
        <ul className="save-error-list">
          {errors.map((e, i) => (
            <li key={i}>
              <button type="button" className="link-button" onClick={() => onJump(e.field)} title="Show this field">
                {TAB_LABEL[tabForField(e.field)]} › <code className="mono">{e.field}</code>
              </button>
              <span>{e.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function DeleteButton({ id, name }: { id: number; name: string }) {
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!confirm) return;
    const t = setTimeout(() => setConfirm(false), 4000);
    return () => clearTimeout(t);
  }, [confirm]);
  return (
    <>
      {error ? (
        <span className="text-error small" role="alert">
          ✕ {error}
        </span>
      ) : null}
      <button
        type="button"
        className={`btn btn-small ${confirm ? 'btn-danger' : ''}`}
        onClick={() => {
          if (!confirm) return setConfirm(true);
          setError(null);
          deleteProfile(id).catch((err: unknown) => setError(errorMessage(err)));
        }}
        onBlur={() => setConfirm(false)}
        title={confirm ? `Click again to delete “${name}” and its secret for good` : 'Delete this profile and its secret'}
        data-testid="profile-delete"
      >
        <Icon name="trash" size={12} />
        {confirm ? 'Click again to delete' : 'Delete'}
      </button>
    </>
  );
}
