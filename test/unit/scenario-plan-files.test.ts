import { describe, expect, it } from 'vitest';
import { attachedFiles, normaliseRelative } from '../../src/scenario/plan-files.js';

describe("a plan's attached files", () => {
  it('relative paths are normalised; absolute ones and ones leaving the plan folder are not paths of it', () => {
    expect(normaliseRelative('./golden//x.http')).toBe('golden/x.http');
    expect(normaliseRelative('golden\\x.http')).toBe('golden/x.http');
    expect(normaliseRelative('a/../b.har')).toBe('b.har');
    for (const outside of ['../x', 'a/../../x', '/etc/passwd', 'C:\\x', '.', '..']) expect(normaliseRelative(outside)).toBeNull();
  });

  it('found by relative path, or by file name when one attached file has it; never by a path leaving the folder', async () => {
    const files = attachedFiles(new Map([['golden/a.http', Buffer.from('A')], ['b.har', Buffer.from('B')], ['x/c.txt', Buffer.from('1')], ['y/c.txt', Buffer.from('2')], ['../secret', Buffer.from('S')]]));
    expect((await files.read('./golden/a.http')).toString()).toBe('A');
    expect((await files.read('traffic/b.har')).toString()).toBe('B');
    expect((await files.read('y/c.txt')).toString()).toBe('2');
    expect(files.exists('z/c.txt')).toBe(false); // two attached files are named c.txt: no guess
    expect(files.exists('../secret')).toBe(false);
    expect(files.exists('secret')).toBe(false);
    await expect(files.read('nope.http')).rejects.toThrow('no such file: nope.http (it was not attached to the plan)');
  });
});
