import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder, found from this file whether it runs from src/ (tests) or dist/src/ (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'postback-inspector') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the postback-inspector package folder');
    dir = parent;
  }
}

/** The built UI; null when `npm run build` has not run. */
export function builtUiDir(): string | null {
  const dir = join(packageRoot(), 'dist', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
