import { useEffect } from 'react';
import { useStore } from 'zustand';
import { loadProfiles, newProfile, profilesStore, selectProfile } from '../../store/profiles';
import { settingsStore } from '../../store/settings';
import { fieldDomId, useFieldError } from '../endpoints/fields';

/** The partner profile an endpoint's postbacks are checked against (the endpoint's `profileId`). */
export function ProfilePicker({ value, onChange, field = 'profileId' }: { value: number | null; onChange: (id: number | null) => void; field?: string }) {
  const items = useStore(profilesStore, (s) => s.items);
  const phase = useStore(profilesStore, (s) => s.phase);
  const message = useFieldError(field);
  useEffect(() => {
    void loadProfiles();
  }, []);
  const known = value === null || items.some((p) => p.id === value);
  const go = (open: () => void) => {
    open();
    settingsStore.getState().setView('profiles');
  };
  return (
    <span className="field">
      <span className="inline-fields">
        <select
          id={fieldDomId(field)}
          data-field={field}
          aria-label="Profile the postbacks are checked against"
          aria-invalid={message ? true : undefined}
          className={`grow ${message ? 'is-invalid' : ''}`}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
          data-testid="endpoint-profile"
        >
          <option value="">None — only the always-on checks</option>
          {!known ? <option value={value!}>{phase === 'ready' ? `#${value} (deleted)` : `#${value}`}</option> : null}
          {items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.signature ? ` — ${p.signature.scheme}` : ''}
            </option>
          ))}
        </select>
        {value !== null && known ? (
          <button type="button" className="btn btn-small" onClick={() => go(() => selectProfile(value))}>
            Open profile
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => go(newProfile)}>
            New profile…
          </button>
        )}
      </span>
      {message ? (
        <span className="field-error" data-testid="field-error" data-field-error={field} role="alert">
          ✕ {message}
        </span>
      ) : null}
    </span>
  );
}
