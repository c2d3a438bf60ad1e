/**
 * The walls between the layers, checked on every import:
 * - src/ (the core: Node, SQLite, HTTP) never imports Electron, React or the DOM packages; its
 *   tsconfig has no DOM lib, so a DOM global would not typecheck either;
 * - the renderer reaches into src/ only for pure modules: everything they import, transitively,
 *   is TypeScript of src/ with no Node built-in and no package but the browser-safe few, so the browser bundle cannot pull
 *   in the core (a `node:fs` three imports down would only fail at runtime in the window);
 * - the control API's routes (src/control/) never hold the database: they get the services and
 *   queries they use from the core, so a transaction or a write cannot start in a route.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtins = new Set(builtinModules);
/** Packages a pure module may use, each made for browsers as much as for Node. */
const browserSafePackages = new Set(['typebox']);
/** `typebox/value` → `typebox`, `@scope/name/sub` → `@scope/name`. */
const packageOf = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** A relative import as the repository path of its .ts/.tsx source. */
function resolveRelative(from: string, specifier: string): string {
  const base = join(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      readFileSync(join(root, candidate));
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

describe('architecture walls', () => {
  it('routes get services and queries from the core, never the database', () => {
    const offending = filesUnder('src/control').flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const reasons = [
        ...importsOf(file).filter((spec) => spec === 'better-sqlite3' || spec.endsWith('/open-database.js')),
        ...(/\.db\b|\bDb\b/.test(text) ? ['uses the database handle'] : []),
      ];
      return reasons.map((reason) => `${file}: ${reason}`);
    });
    expect(offending).toEqual([]);
  });

  it('src/ imports no Electron, React or DOM package', () => {
    const offending = filesUnder('src').flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(electron|react|react-dom|zustand|@tanstack\/)/.test(spec))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('the renderer imports from src/ only modules that are pure all the way down', () => {
    const entries = filesUnder('renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && join(dirname(file), spec).startsWith('src/'))
        .map((spec) => ({ from: file, module: resolveRelative(file, spec) })),
    );
    expect(entries.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const seen = new Set<string>();
    const visit = (module: string, chain: string[]): void => {
      if (seen.has(module)) return;
      seen.add(module);
      for (const spec of importsOf(module)) {
        if (spec.startsWith('.')) {
          visit(resolveRelative(module, spec), [...chain, module]);
          continue;
        }
        // A subpath (`typebox/value`) is the same package.
        if (browserSafePackages.has(packageOf(spec))) continue;
        const kind = spec.startsWith('node:') || builtins.has(spec) ? 'a Node built-in' : 'a package';
        problems.push(`${[...chain, module].join(' → ')} imports ${kind} '${spec}'`);
      }
    };
    for (const { module, from } of entries) visit(module, [from]);
    expect(problems).toEqual([]);
  });
});
