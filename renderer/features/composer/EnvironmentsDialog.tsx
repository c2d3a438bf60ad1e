import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { FieldError } from '../../../src/model/endpoint';
import type { Environment, EnvironmentInput } from '../../../src/model/environment';
import { errorMessage } from '../../api/client';
import { fieldErrorsOf } from '../../api/json-request';
import { Icon } from '../../components/Icon';
import { closeEnvironments, deleteEnvironment, environmentsStore, saveEnvironment, selectEnvironment } from '../../store/environments';
import { EpIcon } from '../endpoints/EpIcon';

interface VariableDraft {
  name: string;
  value: string;
  secret: boolean;
  /** A secret with a value stored on the server: left empty, it keeps that value. */
  stored: string | null;
}

interface Draft {
  id: number | null;
  name: string;
  variables: VariableDraft[];
}

const draftOf = (env: Environment | null): Draft =>
  env
    ? { id: env.id, name: env.name, variables: env.variables.map((v) => ({ name: v.name, value: v.value ?? '', secret: v.secret, stored: v.secret ? (v.masked ?? '••••') : null })) }
    : { id: null, name: '', variables: [{ name: '', value: '', secret: false, stored: null }] };

/** A stored secret left empty is sent without a value: the server keeps it (the UI never holds it). */
function inputOf(draft: Draft): EnvironmentInput {
  return {
    name: draft.name,
    variables: draft.variables
      .filter((v) => v.name.trim() !== '' || v.value !== '')
      .map((v) => (v.secret && v.stored !== null && v.value === '' ? { name: v.name, secret: true } : { name: v.name, value: v.value, secret: v.secret })),
  };
}

/** Environments and their variables: a list on the left, the open one's table on the right. */
export function EnvironmentsDialog() {
  const editing = useStore(environmentsStore, (s) => s.editing);
  const items = useStore(environmentsStore, (s) => s.items);
  const [draft, setDraft] = useState<Draft>(() => draftOf(items.find((e) => e.id === editing?.id) ?? null));
  const [fields, setFields] = useState<FieldError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [armedDelete, setArmedDelete] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  const open = (id: number | null) => {
    setDraft(draftOf(items.find((e) => e.id === id) ?? null));
    setFields([]);
    setError(null);
    setArmedDelete(false);
    nameRef.current?.focus();
  };

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    nameRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeEnvironments();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, []);

  const fieldError = (field: string) => fields.find((f) => f.field === field)?.message;
  const editVar = (i: number, patch: Partial<VariableDraft>) => setDraft((d) => ({ ...d, variables: d.variables.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));

  const save = async () => {
    setSaving(true);
    try {
      const saved = await saveEnvironment(draft.id, inputOf(draft));
      setDraft(draftOf(saved));
      setFields([]);
      setError(null);
      // A first environment is what the user means to send with.
      if (draft.id === null && environmentsStore.getState().activeId === null) void selectEnvironment(saved.id);
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (draft.id === null) return;
    if (!armedDelete) return setArmedDelete(true);
    try {
      await deleteEnvironment(draft.id);
      open(environmentsStore.getState().items[0]?.id ?? null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && closeEnvironments()}>
      <div className="dialog environments-dialog" role="dialog" aria-modal="true" aria-labelledby="environments-title" data-testid="environments-dialog">
        <div className="environments-head">
          <h2 id="environments-title">Environments</h2>
          <p className="muted small">
            <code className="mono">{'{{name}}'}</code> in a template’s URL, headers and body is replaced from the environment picked in the Composer, before macros and signing. Secret values are stored encrypted and
            shown masked.
          </p>
          <button type="button" className="btn btn-icon btn-quiet" onClick={closeEnvironments} aria-label="Close" data-testid="environments-close">
            <Icon name="close" size={14} />
          </button>
        </div>
        <div className="environments-body">
          <nav className="environments-list" aria-label="Environments">
            <ul>
              {items.map((env) => (
                <li key={env.id}>
                  <button type="button" className={`environments-item ${draft.id === env.id ? 'is-selected' : ''}`} aria-current={draft.id === env.id} onClick={() => open(env.id)} data-testid="environment-item">
                    {env.name}
                    <span className="muted small num">{env.variables.length}</span>
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="btn btn-small" onClick={() => open(null)} data-testid="environment-new">
              <EpIcon name="plus" size={12} />
              New environment
            </button>
          </nav>
          <form
            className="environments-editor"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label className="field">
              <span className="muted small">Name</span>
              <input ref={nameRef} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder="Staging" aria-invalid={Boolean(fieldError('name'))} data-testid="environment-name" />
              {fieldError('name') ? <span className="field-error">{fieldError('name')}</span> : null}
            </label>
            <table className="variables-table">
              <thead>
                <tr>
                  <th scope="col">Variable</th>
                  <th scope="col">Value</th>
                  <th scope="col">Secret</th>
                  <th scope="col">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.variables.map((v, i) => {
                  const nameErr = fieldError(`variables[${i}].name`);
                  const valueErr = fieldError(`variables[${i}].value`);
                  return (
                    <tr key={i} data-testid="variable-row">
                      <td>
                        <input className="mono" value={v.name} onChange={(e) => editVar(i, { name: e.target.value })} placeholder="base_url" aria-label={`Name of variable ${i + 1}`} aria-invalid={Boolean(nameErr)} spellCheck={false} data-testid="variable-name" />
                        {nameErr ? <span className="field-error">{nameErr}</span> : null}
                      </td>
                      <td>
                        <input
                          className="mono"
                          type={v.secret ? 'password' : 'text'}
                          autoComplete="off"
                          value={v.value}
                          onChange={(e) => editVar(i, { value: e.target.value })}
                          placeholder={v.stored !== null ? `${v.stored} (kept; type to replace)` : 'https://partner.example'}
                          aria-label={`Value of ${v.name || `variable ${i + 1}`}`}
                          aria-invalid={Boolean(valueErr)}
                          spellCheck={false}
                          data-testid="variable-value"
                        />
                        {valueErr ? <span className="field-error">{valueErr}</span> : null}
                      </td>
                      <td className="variables-secret">
                        <input type="checkbox" checked={v.secret} onChange={(e) => editVar(i, { secret: e.target.checked })} aria-label={`${v.name || `Variable ${i + 1}`} is secret`} data-testid="variable-secret" />
                      </td>
                      <td>
                        <button type="button" className="btn btn-icon btn-quiet" onClick={() => setDraft({ ...draft, variables: draft.variables.filter((_, j) => j !== i) })} aria-label={`Remove ${v.name || `variable ${i + 1}`}`}>
                          <Icon name="trash" size={12} />
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <button type="button" className="btn btn-small" onClick={() => setDraft({ ...draft, variables: [...draft.variables, { name: '', value: '', secret: false, stored: null }] })} data-testid="variable-add">
              <EpIcon name="plus" size={12} />
              Add variable
            </button>
            {error ? (
              <p className="text-error small" role="alert" data-testid="environment-error">
                ✕ {error}
              </p>
            ) : null}
            <div className="dialog-actions">
              {draft.id !== null ? (
                <button type="button" className={`btn ${armedDelete ? 'btn-danger' : ''}`} onClick={() => void remove()} data-testid="environment-delete">
                  <Icon name="trash" size={12} />
                  {armedDelete ? 'Click again to delete' : 'Delete'}
                </button>
              ) : null}
              <span className="spacer" />
              <button type="submit" className="btn btn-accent" disabled={saving} data-testid="environment-save">
                <EpIcon name="save" />
                {draft.id === null ? 'Create' : 'Save'}
              </button>
            </div>
          </form>
        </div>
      </div>
    </div>
  );
}
