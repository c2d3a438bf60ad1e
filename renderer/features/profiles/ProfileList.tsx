import { memo, useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Profile } from '../../../src/model/profile';
import { InlineError } from '../../components/InlineError';
import { SkeletonRows, useDelayed } from '../../components/Skeleton';
import { endpointsStore, loadEndpoints } from '../../store/endpoints';
import { isDirty, loadProfiles, profilesStore, selectProfile } from '../../store/profiles';
import { usesPublicKey } from '../signature/SchemeOptions';

export function ProfileList() {
  const { items, phase, error, selected, hasNew, panel } = useStore(
    profilesStore,
    useShallow((s) => ({ items: s.items, phase: s.phase, error: s.error, selected: s.selected, hasNew: s.drafts['new'] !== undefined, panel: s.panel })),
  );
  const newName = useStore(profilesStore, (s) => s.drafts['new']?.value.name ?? null);
  const dirtyIds = useStore(profilesStore, useShallow((s) => s.items.filter((p) => isDirty(p.id, s)).map((p) => p.id)));
  const usage = useStore(
    endpointsStore,
    useShallow((s) => s.items.filter((e) => typeof e.profileId === 'number').map((e) => `${e.profileId}:${e.name}`)),
  );
  const showSkeleton = useDelayed(phase === 'loading' && items.length === 0);

  useEffect(() => {
    void loadEndpoints();
  }, []);

  if (phase === 'error' && items.length === 0) {
    return (
      <InlineError
        title="Could not load profiles"
        action={
          <button type="button" className="btn" onClick={() => void loadProfiles()}>
            Retry
          </button>
        }
      >
        {error}
      </InlineError>
    );
  }
  if ((phase === 'loading' || phase === 'idle') && items.length === 0) return showSkeleton ? <SkeletonRows rows={4} height={52} /> : null;

  const endpointsOf = (id: number) =>
    usage.filter((u) => u.startsWith(`${id}:`)).map((u) => u.slice(String(id).length + 1));

  return (
    <div className="ep-list-wrap">
      <ul className="ep-list profile-list" aria-label="Profiles" data-testid="profile-list">
        {items.map((item) => (
          <ProfileRow
            key={item.id}
            item={item}
            selected={panel === 'editor' && selected === item.id}
            dirty={dirtyIds.includes(item.id)}
            endpoints={endpointsOf(item.id)}
          />
        ))}
        {hasNew ? (
          <li className={`ep-row profile-row is-new ${panel === 'editor' && selected === 'new' ? 'is-selected' : ''}`} data-testid="profile-row-new">
            <button type="button" className="ep-select" onClick={() => selectProfile('new')} aria-current={selected === 'new' ? 'true' : undefined}>
              <span className="ep-line1">
                <span className="ep-name">{newName || 'New profile'}</span>
                <span className="badge badge-unsaved">not saved</span>
              </span>
              <span className="ep-line2 muted small">Save (Ctrl+S) to create it</span>
            </button>
          </li>
        ) : null}
      </ul>
      {items.length === 0 && !hasNew ? (
        <p className="muted pad small">No profiles yet. Postbacks still get the always-on checks.</p>
      ) : (
        <p className="ep-list-foot muted small">A profile checks the postbacks of the endpoints linked to it (Endpoints › Settings › Profile).</p>
      )}
    </div>
  );
}

const ProfileRow = memo(function ProfileRow({ item, selected, dirty, endpoints }: { item: Profile; selected: boolean; dirty: boolean; endpoints: string[] }) {
  const scheme = item.signature?.scheme ?? null;
  const needsSecret = scheme !== null && !usesPublicKey(scheme) && item.secret === null;
  return (
    <li className={`ep-row profile-row ${selected ? 'is-selected' : ''}`} data-testid="profile-row" data-profile-id={item.id}>
      <button type="button" className="ep-select" onClick={() => selectProfile(item.id)} aria-current={selected ? 'true' : undefined} data-testid="profile-select">
        <span className="ep-line1">
          <span className="ep-name" title={item.name}>
            {item.name}
          </span>
          {dirty ? (
            <span className="badge badge-unsaved" title="Unsaved changes">
              unsaved
            </span>
          ) : null}
          {item.preset ? (
            <span className="badge badge-preset" title={`Added from the ${item.preset} preset`}>
              {item.preset}
            </span>
          ) : null}
        </span>
        <span className="ep-line2 small">
          <span className={`chip mono ${scheme ? '' : 'chip-quiet'}`} title={scheme ? `Signature scheme ${scheme}` : 'No signature check'}>
            {scheme ?? 'no signature'}
          </span>
          {needsSecret ? (
            <span className="flag flag-warn" title="The scheme needs a secret: postbacks cannot be verified until one is set">
              ⚠ no secret
            </span>
          ) : item.secret ? (
            <span className="secret-mask mono muted" title={`Secret set (${item.secret.encoding})`}>
              {item.secret.masked}
            </span>
          ) : null}
          <span className="ep-rules muted num" title={endpoints.length ? `Linked to ${endpoints.join(', ')}` : 'Not linked to any endpoint yet'}>
            {item.params.length} {item.params.length === 1 ? 'param' : 'params'} · {endpoints.length ? `${endpoints.length} endpoint${endpoints.length === 1 ? '' : 's'}` : 'unlinked'}
          </span>
        </span>
      </button>
    </li>
  );
});
