import { createStore } from 'zustand/vanilla';
import type { SecretEncodingName, SecretKind } from '../../../src/model/profile';
import { loadProfiles, profilesStore } from '../../store/profiles';
import { settingsStore } from '../../store/settings';
import type { Options } from './scheme-option-inputs';

/**
 * The signature workbench's inputs. In memory only: the secret typed here must never reach
 * localStorage, and a fresh session starts clean.
 */
export interface WorkbenchState {
  source: 'exchange' | 'raw';
  exchangeId: number | null;
  raw: string;
  /** Its param spec is checked, and its stored secret used when none is typed. */
  profileId: number | null;
  /** '' = no scheme: only the params are checked. */
  scheme: string;
  options: Options;
  secret: string;
  secretEncoding: SecretEncodingName;
  secretKind: SecretKind;
  /** The URL as the sender signed it (scheme + host), for schemes that sign the URL. */
  url: string;
  /** Verify as of this moment (unix seconds); '' = the capture time, or now for a pasted request. */
  now: string;
  /** The postback the workbench was opened from: "Back" returns to it. */
  returnTo: number | null;
}

const EMPTY_RAW = 'GET /postback?click_id=abc123&event=install&payout=1.50&sig=… HTTP/1.1\r\nHost: 127.0.0.1:4100\r\n\r\n';

export const workbenchStore = createStore<WorkbenchState>(() => ({
  source: 'raw',
  exchangeId: null,
  raw: EMPTY_RAW.replace(/\r\n/g, '\n'),
  profileId: null,
  scheme: 'hmac',
  options: {},
  secret: '',
  secretEncoding: 'utf8',
  secretKind: 'shared',
  url: '',
  now: '',
  returnTo: null,
}));

export function editWorkbench(patch: Partial<WorkbenchState>): void {
  workbenchStore.setState(patch);
}

/** Takes the scheme, options and signed URL of a profile (when it has a signature). */
export function takeProfileSignature(profileId: number | null): void {
  const profile = profilesStore.getState().items.find((p) => p.id === profileId);
  const sig = profile?.signature ?? null;
  workbenchStore.setState({
    profileId,
    ...(sig ? { scheme: sig.scheme, options: { ...(sig.options ?? {}) }, url: sig.signedUrl ?? '' } : {}),
  });
}

export interface WorkbenchSeed {
  exchangeId?: number;
  profileId?: number | null;
  scheme?: string | null;
  returnTo?: number | null;
}

/** Opens the workbench in the Profiles view, seeded with a postback and/or a profile. */
export async function openWorkbench(seed: WorkbenchSeed = {}): Promise<void> {
  const patch: Partial<WorkbenchState> = { returnTo: seed.returnTo ?? null, secret: '' };
  if (seed.exchangeId !== undefined) Object.assign(patch, { source: 'exchange', exchangeId: seed.exchangeId });
  workbenchStore.setState(patch);
  profilesStore.setState({ panel: 'workbench' });
  settingsStore.getState().setView('profiles');
  if (seed.profileId !== undefined && seed.profileId !== null) {
    if (!profilesStore.getState().items.some((p) => p.id === seed.profileId)) await loadProfiles();
    takeProfileSignature(seed.profileId);
  } else if (seed.profileId === null) {
    workbenchStore.setState({ profileId: null });
  }
  if (seed.scheme && !workbenchStore.getState().scheme) workbenchStore.setState({ scheme: seed.scheme });
}
