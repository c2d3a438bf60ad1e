// tsc does not copy non-TS files: migrations and partner presets must sit beside the compiled code.
import { cpSync } from 'node:fs';
cpSync('src/store/migrations', 'dist/src/store/migrations', { recursive: true });
cpSync('src/endpoints/presets', 'dist/src/endpoints/presets', { recursive: true });
cpSync('src/checks/presets', 'dist/src/checks/presets', { recursive: true });
