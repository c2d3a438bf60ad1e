import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { EndpointPreset } from '../../../src/model/endpoint';
import { errorMessage } from '../../api/client';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { addPreset, endpointsStore, loadPresets } from '../../store/endpoints';
import { EpIcon } from './EpIcon';

/** A preset's `source` is a URL, optionally followed by a note in parentheses. */
export function splitSource(source: string): { url: string | null; note: string } {
  const m = /^(https?:\/\/\S+)\s*(.*)$/.exec(source.trim());
  if (!m) return { url: null, note: source };
  return { url: m[1]!, note: m[2]!.replace(/^\((.*)\)$/, '$1') };
}

/** Partner presets as cards: what each stands in for, where the partner documents it, one click to add. */
export function PresetCards({ onAdded, compact = false }: { onAdded?: () => void; compact?: boolean }) {
  const { presets, error } = useStore(endpointsStore, useShallow((s) => ({ presets: s.presets, error: s.presetsError })));
  const [adding, setAdding] = useState<string | null>(null);
  const [addError, setAddError] = useState<{ id: string; message: string } | null>(null);
  const slow = useDelayed(presets === null && !error);

  useEffect(() => {
    void loadPresets();
  }, []);

  if (error) {
    return (
      <p className="text-error pad" role="alert">
        ✕ Could not load presets: {error}{' '}
        <button type="button" className="link-button" onClick={() => void loadPresets()}>
          Retry
        </button>
      </p>
    );
  }
  if (!presets) return slow ? <SkeletonBlock lines={6} /> : null;

  const add = async (preset: EndpointPreset) => {
    setAdding(preset.id);
    setAddError(null);
    try {
      await addPreset(preset.id);
      onAdded?.();
    } catch (err) {
      setAddError({ id: preset.id, message: errorMessage(err) });
    } finally {
      setAdding(null);
    }
  };

  return (
    <ul className={`preset-cards ${compact ? 'is-compact' : ''}`} data-testid="preset-list">
      {presets.map((p) => {
        const { url, note } = splitSource(p.source);
        return (
          <li key={p.id} className="preset-card" data-testid={`preset-${p.id}`}>
            <div className="preset-head">
              <span className="preset-label">{p.label}</span>
              <code className="preset-route mono muted">
                {(p.endpoint.methods.length ? p.endpoint.methods.join(' ') : 'ANY') + ' ' + p.endpoint.path}
              </code>
              <span className="spacer" />
              <button
                type="button"
                className="btn btn-small btn-accent"
                onClick={() => void add(p)}
                disabled={adding !== null}
                data-testid={`add-preset-${p.id}`}
                aria-label={`Add the ${p.label} preset`}
              >
                <EpIcon name="plus" size={12} />
                Add
              </button>
            </div>
            <p className="preset-desc">{p.description}</p>
            <p className="preset-source small">
              <span className="muted">Source: </span>
              {url ? (
                <a href={url} target="_blank" rel="noreferrer noopener" className="source-link">
                  {url.replace(/^https?:\/\//, '')}
                  <EpIcon name="external" size={11} />
                </a>
              ) : null}
              {note ? <span className="muted"> — {note}</span> : null}
            </p>
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
