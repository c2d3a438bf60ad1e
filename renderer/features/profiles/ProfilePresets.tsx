import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ProfilePreset } from '../../../src/model/profile';
import { errorMessage } from '../../api/client';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { addProfilePreset, loadProfilePresets, profilesStore } from '../../store/profiles';
import { EpIcon } from '../endpoints/EpIcon';
import { splitSource } from '../endpoints/PresetPicker';

/** Partner profile presets: what each checks, where the partner documents it, one click to add. */
export function ProfilePresetCards({ onAdded, compact = false }: { onAdded?: () => void; compact?: boolean }) {
  const { presets, error } = useStore(profilesStore, useShallow((s) => ({ presets: s.presets, error: s.presetsError })));
  const [adding, setAdding] = useState<string | null>(null);
  const [addError, setAddError] = useState<{ id: string; message: string } | null>(null);
  const slow = useDelayed(presets === null && !error);

  useEffect(() => {
    void loadProfilePresets();
  }, []);

  if (error) {
    return (
      <p className="text-error pad" role="alert">
        ✕ Could not load presets: {error}{' '}
        <button type="button" className="link-button" onClick={() => void loadProfilePresets()}>
          Retry
        </button>
      </p>
    );
  }
  if (!presets) return slow ? <SkeletonBlock lines={6} /> : null;

  const add = async (preset: ProfilePreset) => {
    setAdding(preset.id);
    setAddError(null);
    try {
      await addProfilePreset(preset.id);
      onAdded?.();
    } catch (err) {
      setAddError({ id: preset.id, message: errorMessage(err) });
    } finally {
      setAdding(null);
    }
  };

  return (
    <ul className={`preset-cards ${compact ? 'is-compact' : ''}`} data-testid="profile-preset-list">
      {presets.map((p) => {
        const required = p.profile.params.filter((x) => x.presence === 'required').map((x) => x.name);
        return (
          <li key={p.id} className="preset-card" data-testid={`profile-preset-${p.id}`}>
            <div className="preset-head">
              <span className="preset-label">{p.label}</span>
              <span className="spacer" />
              <button
                type="button"
                className="btn btn-small btn-accent"
                onClick={() => void add(p)}
                disabled={adding !== null}
                data-testid={`add-profile-preset-${p.id}`}
                aria-label={`Add the ${p.label} preset`}
              >
                <EpIcon name="plus" size={12} />
                Add
              </button>
            </div>
            <p className="preset-facts small">
              <span className="chip mono">{p.profile.signature ? p.profile.signature.scheme : 'no signature'}</span>
              <span className="muted">
                {p.profile.params.length} params{required.length ? ` · requires ${required.slice(0, 3).join(', ')}${required.length > 3 ? '…' : ''}` : ''}
              </span>
            </p>
            <p className="preset-desc">{p.description}</p>
            <ul className="preset-sources small">
              {p.sources.map((source) => {
                const { url, note } = splitSource(source);
                return (
                  <li key={source}>
                    <span className="muted">Source: </span>
                    {url ? (
                      <a href={url} target="_blank" rel="noreferrer noopener" className="source-link">
                        {url.replace(/^https?:\/\//, '')}
                        <EpIcon name="external" size={11} />
                      </a>
                    ) : null}
                    {note ? <span className="muted"> — {note}</span> : null}
                  </li>
                );
              })}
            </ul>
            {addError?.id === p.id ? (
              <p className="text-error small" role="alert">
                ✕ {addError.message}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
