import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ProfileInput } from '../../../src/model/profile';
import { errorMessage } from '../../api/client';
import { editorTabs, JsonBlockedNotice, SaveError } from '../../components/EditorParts';
import { Icon } from '../../components/Icon';
import { JsonDefinitionTab } from '../../components/JsonDefinitionTab';
import { useDelayed } from '../../components/Skeleton';
import { Tabs } from '../../components/Tabs';
import { jumpToField, SAVE_KEY, useEditorSave } from '../../components/use-editor-save';
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
import { errorsByField, prettyJson } from '../../lib/json-draft';
import { EpIcon } from '../endpoints/EpIcon';
import { FieldErrorsContext } from '../endpoints/fields';
import { openWorkbench } from '../signature/workbench-store';
import { tabForField, toInput, type ProfileTab } from './draft';
import { ParamsTab } from './ParamsTab';
import { ProfileSettingsTab } from './ProfileSettingsTab';
import { ProfileSignatureTab } from './ProfileSignatureTab';
import { WorkbenchIcon } from './ProfileToolbar';
import { ErrorNote } from '../../components/ErrorNote';

const TAB_LABEL: Record<ProfileTab, string> = { params: 'Params', signature: 'Signature', settings: 'Settings', json: 'JSON' };
const TAB_ORDER: ProfileTab[] = ['params', 'signature', 'settings', 'json'];

const JSON_TEST_IDS = { text: 'profile-json', parseError: 'profile-json-parse-error', errors: 'profile-json-errors' };

export type ProfileEdit = (mutate: (v: ProfileInput) => void, touched?: string) => void;

export function ProfileEditor({ editorKey }: { editorKey: EditorKey }) {
  const item = useStore(profilesStore, (s) => (editorKey === 'new' ? null : (s.items.find((p) => p.id === editorKey) ?? null)));
  const draft = useStore(profilesStore, (s) => s.drafts[String(editorKey)] ?? null);
  const dirty = useStore(profilesStore, (s) => isDirty(editorKey, s));
  const tab = useStore(profilesStore, (s) => s.tab);
  const saved = useMemo(() => (item ? toInput(item) : null), [item]);
  const value: ProfileInput | null = draft?.value ?? saved;
  const errors = draft?.errors ?? [];
  const errorMap = useMemo(() => errorsByField(errors), [errors]);
  const savingSlow = useDelayed(draft?.saving ?? false);
  const { justSaved, setJustSaved, save } = useEditorSave(
    useCallback(() => isDirty(editorKey), [editorKey]),
    useCallback(() => saveProfile(editorKey), [editorKey]),
    2500,
  );

  const edit: ProfileEdit = useCallback(
    (mutate, touched) => {
      setJustSaved(false);
      editProfile(editorKey, mutate, touched);
    },
    [editorKey, setJustSaved],
  );

  const jump = (field: string) => jumpToField(field, () => setProfileTab(tabForField(field)), '.profile-editor ');

  if (!value) {
    return (
      <div className="ep-editor-empty muted pad" data-testid="profile-missing">
        This profile no longer exists.
      </div>
    );
  }

  const jsonBlocked = draft?.jsonParseError ?? draft?.jsonShapeProblem ?? null;
  const tabs = editorTabs(TAB_ORDER, TAB_LABEL, errors, tabForField, (key) => (
    <>
      {key === 'params' ? <span className="count num">{value.params.length}</span> : null}
      {key === 'signature' && value.signature ? <span className="tab-dot" aria-label="(on)" /> : null}
    </>
  ));

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
        {draft && (draft.message || errors.length) ? (
          <SaveError
            title={draft.definitionSaved ? 'Profile saved, secret not saved.' : 'Not saved.'}
            message={draft.message}
            errors={errors}
            onJump={jump}
            tabLabel={(f) => TAB_LABEL[tabForField(f)]}
            testId="profile-save-error"
          />
        ) : null}
        <Tabs tabs={tabs} active={tab} onChange={setProfileTab} idPrefix="profile" />
        <div className="tab-panel ep-panel" id="profile-panel" role="tabpanel" aria-labelledby={`profile-tab-${tab}`}>
          {tab !== 'json' && jsonBlocked ? (
            <JsonBlockedNotice problem={jsonBlocked} onOpenJson={() => setProfileTab('json')} onDiscard={() => editProfileJson(editorKey, prettyJson(value))} />
          ) : tab === 'params' ? (
            <ParamsTab value={value} edit={edit} />
          ) : tab === 'signature' ? (
            <ProfileSignatureTab editorKey={editorKey} value={value} edit={edit} />
          ) : tab === 'settings' ? (
            <ProfileSettingsTab value={value} edit={edit} />
          ) : (
            <JsonDefinitionTab
              hint="Edits here update the form as soon as they parse. The secret is not part of it."
              label="Profile definition as JSON"
              testIds={JSON_TEST_IDS}
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
      <ErrorNote error={error} />
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
