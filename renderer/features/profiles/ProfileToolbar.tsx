import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../../components/use-dismiss';
import { useStore } from 'zustand';
import { Icon } from '../../components/Icon';
import { newProfile, profilesStore, showPanel } from '../../store/profiles';
import { EpIcon } from '../endpoints/EpIcon';
import { openWorkbench } from '../signature/workbench-store';
import { ProfilePresetCards } from './ProfilePresets';

export function ProfileToolbar() {
  const count = useStore(profilesStore, (s) => s.items.length);
  const panel = useStore(profilesStore, (s) => s.panel);
  const selected = useStore(profilesStore, (s) => s.selected);
  const [presetsOpen, setPresetsOpen] = useState<{ top: number; left: number } | null>(null);
  const popRef = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setPresetsOpen(null), []);
  useDismiss(popRef, presetsOpen !== null, close);

  return (
    <div className="ep-toolbar-wrap">
      <div className="ep-toolbar">
        <h2 className="ep-title">
          Profiles <span className="count num">{count}</span>
        </h2>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={newProfile} data-testid="profile-new" title="A blank profile (not saved until you save it)">
          <EpIcon name="plus" size={12} />
          New
        </button>
        <div className="popover-anchor" ref={popRef}>
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={presetsOpen !== null}
            onClick={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              setPresetsOpen((o) => (o ? null : { top: r.bottom + 6, left: r.left }));
            }}
            data-testid="profile-from-preset"
          >
            <EpIcon name="preset" size={12} />
            From preset
          </button>
          {presetsOpen ? (
            <div
              className="popover preset-popover"
              role="dialog"
              aria-label="Add a profile from a partner preset"
              style={{ position: 'fixed', top: presetsOpen.top, left: presetsOpen.left, maxHeight: `calc(100vh - ${presetsOpen.top + 40}px)` }}
            >
              <div className="preset-popover-head">
                <strong>Add from a partner preset</strong>
                <button type="button" className="btn btn-icon btn-quiet" onClick={() => setPresetsOpen(null)} aria-label="Close">
                  <Icon name="close" size={14} />
                </button>
              </div>
              <ProfilePresetCards compact onAdded={() => setPresetsOpen(null)} />
            </div>
          ) : null}
        </div>
        <button
          type="button"
          className={`btn btn-small ${panel === 'workbench' ? 'is-active-toggle' : ''}`}
          aria-pressed={panel === 'workbench'}
          onClick={() => (panel === 'workbench' ? showPanel('editor') : void openWorkbench({ profileId: typeof selected === 'number' ? selected : null }))}
          data-testid="open-workbench-panel"
          title="Signature workbench: paste a request, choose a scheme, see the canonical string and the result live"
        >
          <WorkbenchIcon />
          Workbench
        </button>
      </div>
    </div>
  );
}

export function WorkbenchIcon({ size = 12 }: { size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.4-.6-.6-2.4z" />
    </svg>
  );
}
