import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProfilePreset } from '../model/profile.js';
import { validateProfile } from '../profiles/validate-profile.js';

const presetsDir = join(dirname(fileURLToPath(import.meta.url)), 'presets');

let cache: ProfilePreset[] | undefined;

/** Partner profiles are data (one JSON file each, with its sources); a bad file fails loudly. */
export function profilePresets(): ProfilePreset[] {
  cache ??= readdirSync(presetsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const preset = JSON.parse(readFileSync(join(presetsDir, file), 'utf8')) as ProfilePreset;
      const check = validateProfile(preset.profile);
      if (!check.ok) throw new Error(`profile preset ${file}: ${check.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
      return { ...preset, profile: { ...check.profile, preset: preset.id } };
    });
  return cache;
}
