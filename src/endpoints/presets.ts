import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EndpointPreset } from '../model/endpoint.js';
import { validateEndpoint } from './validate-endpoint.js';

const presetsDir = join(dirname(fileURLToPath(import.meta.url)), 'presets');

let cache: EndpointPreset[] | undefined;

/** Partner presets are data (one JSON file each, with its source); a bad file fails loudly at start. */
export function endpointPresets(): EndpointPreset[] {
  cache ??= readdirSync(presetsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const preset = JSON.parse(readFileSync(join(presetsDir, file), 'utf8')) as EndpointPreset;
      const check = validateEndpoint(preset.endpoint);
      if (!check.ok) throw new Error(`preset ${file}: ${check.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
      return { ...preset, endpoint: { ...check.endpoint, preset: preset.id } };
    });
  return cache;
}
