/**
 * A plan refused by the app travels to the Scenarios editor as numbers: the server's INVALID_PLAN
 * carries `line` and `col` (src/control/scenario-routes.ts), the renderer's reading of a refusal
 * keeps them (renderer/api/refusal.ts, behind http.ts's toError) and problemOf reads them
 * (renderer/store/plan-problem.ts), with no parsing of the message text, so a file name or a
 * problem holding colons and digits cannot move the place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRefusal, type Refusal } from '../../renderer/api/refusal.js';
import { problemOf } from '../../renderer/store/plan-problem.js';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

/** The app's refusal of a plan, read as the renderer's fetch wrapper reads it. */
async function refusalOf(plan: string, name: string): Promise<Refusal & { status: number }> {
  const res = await tc.api('/api/scenarios/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ plan, name }) });
  expect(res.ok).toBe(false);
  return { status: res.status, ...readRefusal(`${res.status} ${res.statusText}`, await res.json()) };
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('a refused plan, from the app to the editor', () => {
  it('keeps the line and column as numbers, and the path with its problem as the message', async () => {
    const plan = lines('name: typo', 'steps:', '  - request: { path: /click }', 'expect:', '  - arrives: /pb', '    within: soon');
    const refusal = await refusalOf(plan, 'mine.yaml');
    expect({ status: refusal.status, code: refusal.code, at: refusal.at }).toEqual({ status: 400, code: 'INVALID_PLAN', at: { line: 6, col: 13 } });
    expect(problemOf(refusal)).toEqual({ line: 6, col: 13, message: 'expect[0].within: must be an integer or a duration such as 500ms, 5s or 1m' });
  });

  it('a file name and a problem full of colons and digits do not move the place; the hint for a missing file reaches the editor', async () => {
    const plan = lines('name: golden', 'steps:', '  - id: s1', '    request: { path: /click }', 'expect:', '  - arrives: /pb', '  - diff: golden/1:2:3.http', '    of: s1');
    const refusal = await refusalOf(plan, '9:9: odd:1:1.yaml');
    expect(refusal.message).toContain('9:9: odd:1:1.yaml:7:');
    expect(problemOf(refusal)).toEqual({
      line: 7,
      col: 11,
      message: 'expect[1].diff: no such file: golden/1:2:3.http (attach it: drop it on the plan or use "Attach files…"; through the API, send it in `files`)',
    });
  });

  it('other refusals are no plan problem: the view shows them as an error', async () => {
    const empty = await refusalOf('   ', 'mine.yaml');
    expect({ code: empty.code, at: empty.at }).toEqual({ code: 'BAD_REQUEST', at: null });
    expect(problemOf(empty)).toBeNull();
    // An INVALID_PLAN without numbers points nowhere rather than at a guess read from its text.
    const unplaced = readRefusal('400 Bad Request', { error: { code: 'INVALID_PLAN', message: 'x.yaml:3:4: steps: bad', fields: [{ field: 'steps', message: 'bad' }] } });
    expect(unplaced.at).toBeNull();
    expect(problemOf(unplaced)).toBeNull();
    expect(readRefusal('400', { error: { code: 'INVALID_PLAN', message: 'm', line: '3', col: 4 } }).at).toBeNull();
    expect(readRefusal('400', { error: { code: 'INVALID_PLAN', message: 'm', line: 3, col: 0 } }).at).toBeNull();
  });
});

describe('reading a refusal (what toError builds its error from)', () => {
  it('keeps the message, code and well-formed fields; falls back to the status line', () => {
    expect(readRefusal('400 Bad Request', { error: { code: 'INVALID_PROFILE', message: 'm', fields: [{ field: 'name', message: 'x' }, { field: 3 }, null] } })).toEqual({
      message: 'm',
      code: 'INVALID_PROFILE',
      fields: [{ field: 'name', message: 'x' }],
      at: null,
      problems: [],
      preview: null,
    });
    expect(readRefusal('502 Bad Gateway', null).message).toBe('502 Bad Gateway');
    expect(readRefusal('500', { error: 'plain words' }).message).toBe('plain words');
    expect(readRefusal('500', { message: 'top-level words' }).message).toBe('top-level words');
  });

  it('SEND_REFUSED keeps its problems and the preview beside them', () => {
    const problems = [{ kind: 'unknown-macro', macro: 'x' }];
    const r = readRefusal('422', { error: { code: 'SEND_REFUSED', message: 'refused', problems }, preview: { url: 'u' } });
    expect({ code: r.code, problems: r.problems, preview: r.preview }).toEqual({ code: 'SEND_REFUSED', problems, preview: { url: 'u' } });
  });
});
