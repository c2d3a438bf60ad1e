#!/usr/bin/env node
// Runs the compiled CLI; `npm install` builds it (prepare), `npm run build` rebuilds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('postback-inspector is not built yet: run `npm run build` in the project folder.\n');
  process.exit(2);
}
await import(cli.href);
