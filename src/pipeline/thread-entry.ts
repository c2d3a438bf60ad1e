import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The worker threads the pipeline runs: the derivation thread, and its index-row preparer. */
export type ThreadName = 'pipeline-thread' | 'prepare-thread';

/**
 * From the compiled app the thread is plain JavaScript next to this file. From the sources (tests,
 * tsx) it is TypeScript, and Node 20 applies no loader to a worker's entry: the thread is bundled
 * once per process with esbuild (tsx's own compiler, so installed wherever sources run). Each
 * module keeps its own import.meta.url, so migrations and presets are found beside the sources.
 */
export async function threadEntry(name: ThreadName): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return new URL(`./${name}.js`, import.meta.url);
  let bundled = bundledThreads.get(name);
  if (!bundled) {
    bundled = bundleThread(fileURLToPath(new URL(`./${name}.ts`, import.meta.url)), name);
    bundledThreads.set(name, bundled);
  }
  return pathToFileURL(await bundled);
}

const bundledThreads = new Map<ThreadName, Promise<string>>();

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<unknown>;
}

async function bundleThread(entry: string, name: ThreadName): Promise<string> {
  const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildLike;
  // Inside the project, so the bundle's bare imports (better-sqlite3…) resolve from node_modules.
  const cacheDir = join(dirname(entry), '..', '..', 'node_modules', '.cache', 'postback-inspector');
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(cacheDir, `${name}-${process.pid}-${randomBytes(4).toString('hex')}.mjs`);
  process.once('exit', () => rmSync(outfile, { force: true }));
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(build: { onLoad(options: { filter: RegExp }, load: (args: { path: string }) => { contents: string; loader: string }): void }) {
      build.onLoad({ filter: /\.ts$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      }));
    },
  };
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', plugins: [ownUrl], logLevel: 'silent' });
  return outfile;
}
