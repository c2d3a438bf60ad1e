/**
 * Where a plan's relative files (a HAR to replay, a golden request to diff against) come from.
 * From the CLI, the folder next to the plan file. From the app, the plan arrives as text with its
 * files attached (dropped or opened with it): those are looked up by the relative path the plan
 * names, and never on the app's disk, so a plan cannot make the app read anything it was not given.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { posix, resolve } from 'node:path';

export interface PlanFiles {
  exists(relative: string): boolean;
  read(relative: string): Promise<Buffer>;
}

/** Files next to the plan, as `postback-inspector test plan.yaml` reads them. */
export function folderFiles(dir: string): PlanFiles {
  return {
    exists: (relative) => existsSync(resolve(dir, relative)),
    read: (relative) => readFile(resolve(dir, relative)),
  };
}

/** `./golden\x.http` → `golden/x.http`; null for a path that leaves its folder or is absolute. */
export function normaliseRelative(path: string): string | null {
  const slashed = path.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) return null;
  const normal = posix.normalize(slashed).replace(/^(\.\/)+/, '');
  return normal === '.' || normal === '..' || normal.startsWith('../') ? null : normal;
}

/**
 * Files handed over with the plan, keyed by their relative path. A browser gives a picked file's
 * name without its folder, so `golden/install.http` also finds an attached `install.http` when
 * exactly one attached file has that name.
 */
export function attachedFiles(files: ReadonlyMap<string, Buffer>): PlanFiles {
  const byPath = new Map<string, Buffer>();
  const byName = new Map<string, Buffer[]>();
  for (const [path, bytes] of files) {
    const normal = normaliseRelative(path);
    if (normal === null) continue;
    byPath.set(normal, bytes);
    const name = posix.basename(normal);
    byName.set(name, [...(byName.get(name) ?? []), bytes]);
  }
  const find = (relative: string): Buffer | undefined => {
    const normal = normaliseRelative(relative);
    if (normal === null) return undefined;
    const sameName = byName.get(posix.basename(normal));
    return byPath.get(normal) ?? (sameName?.length === 1 ? sameName[0] : undefined);
  };
  return {
    exists: (relative) => find(relative) !== undefined,
    read: async (relative) => {
      const bytes = find(relative);
      if (!bytes) throw new Error(`no such file: ${relative} (it was not attached to the plan)`);
      return bytes;
    },
  };
}

/** The first source that has the file: attached files before the examples folder. */
export function layeredFiles(...sources: PlanFiles[]): PlanFiles {
  const holder = (relative: string): PlanFiles | undefined => sources.find((s) => s.exists(relative));
  return {
    exists: (relative) => holder(relative) !== undefined,
    read: (relative) => (holder(relative) ?? sources[sources.length - 1]!).read(relative),
  };
}
