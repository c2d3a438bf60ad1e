import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { SplitPane } from '../../components/SplitPane';
import { DEFAULT_PROFILE_LIST_WIDTH, loadProfiles, newProfile, profilesStore, setProfileListWidth } from '../../store/profiles';
import '../../styles/endpoints.css';
import '../../styles/profiles.css';
import { EpIcon } from '../endpoints/EpIcon';
import { Workbench } from '../signature/Workbench';
import { ProfileEditor } from './ProfileEditor';
import { ProfileList } from './ProfileList';
import { ProfilePresetCards } from './ProfilePresets';
import { ProfileToolbar } from './ProfileToolbar';

/** Partner profiles: the list on the left; the selected profile's editor, or the signature workbench, on the right. */
export function Profiles() {
  const width = useStore(profilesStore, (s) => s.listWidth);
  const { selected, phase, count, panel } = useStore(
    profilesStore,
    useShallow((s) => ({ selected: s.selected, phase: s.phase, count: s.items.length, panel: s.panel })),
  );

  useEffect(() => {
    void loadProfiles();
  }, []);

  // The workbench takes the whole view: it needs the room for inputs and results side by side.
  if (panel === 'workbench') {
    return (
      <div className="endpoints-view profiles-view" data-testid="profiles-view">
        <Workbench />
      </div>
    );
  }

  let right;
  if (selected !== null) {
    right = <ProfileEditor key={String(selected)} editorKey={selected} />;
  } else if (phase === 'ready' && count === 0) {
    right = <FirstRun />;
  } else {
    right = <div className="ep-editor-empty muted pad">{phase === 'ready' ? 'Select a profile to edit it.' : null}</div>;
  }

  return (
    <div className="endpoints-view profiles-view" data-testid="profiles-view">
      <SplitPane
        width={width}
        defaultWidth={DEFAULT_PROFILE_LIST_WIDTH}
        onWidth={setProfileListWidth}
        left={
          <div className="ep-sidebar">
            <ProfileToolbar />
            <ProfileList />
          </div>
        }
        right={right}
      />
    </div>
  );
}

function FirstRun() {
  return (
    <div className="ep-first-run" data-testid="profiles-first-run">
      <h2>Describe a partner once, check every postback</h2>
      <p className="muted">
        A profile holds a partner’s parameter spec, signature scheme and secret, macro dialect and correlation keys. Link it to
        an endpoint and every postback that endpoint answers gets a verdict: the Inbox shows ✓ pass or ✕ fail, the detail says
        why. Without a profile, the always-on checks still run (unreplaced macros, empty values, double encoding…).
      </p>
      <div className="first-run-actions">
        <button type="button" className="btn" onClick={newProfile} data-testid="profile-blank">
          <EpIcon name="plus" />
          Blank profile
        </button>
      </div>
      <h3 className="section-title">Partner presets</h3>
      <ProfilePresetCards />
    </div>
  );
}
