// tsc does not copy non-TS files: the SQL migrations must sit beside the compiled store.
import { cpSync } from 'node:fs';
cpSync('src/store/migrations', 'dist/src/store/migrations', { recursive: true });
