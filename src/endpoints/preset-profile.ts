import type { Profile } from '../model/profile.js';

/** What linking needs of the profile service. */
export interface PresetProfiles {
  list(): Profile[];
  addPreset(presetId: string): Profile;
}

/**
 * The profile an endpoint preset is checked with: the one already made from that profile preset
 * (adding the Keitaro endpoint twice must not make two Keitaro profiles), else a new one. Without
 * it every capture is judged by the generic rules (Keitaro hits warned "no currency").
 */
export function profileForPreset(profiles: PresetProfiles, profilePresetId: string): number {
  const existing = profiles.list().find((p) => p.preset === profilePresetId);
  return (existing ?? profiles.addPreset(profilePresetId)).id;
}
