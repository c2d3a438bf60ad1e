/**
 * The Scenarios view's routes against a real core: a plan posted as text runs against the app's
 * own control API, its state is polled until done, every item says how it went and which
 * exchanges it involved, the JUnit is the CLI's; a bad plan is refused whole, naming its line.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioExample, ScenarioRun } from '../../src/model/scenario-run.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { junitProblems, parseXml } from '../helpers/junit-check.js';

const example = 'appsflyer-install-purchase.yaml';
const exampleText = readFileSync(new URL(`../../examples/${example}`, import.meta.url), 'utf8');
let tc: TestCore;

beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

const post = (body: unknown) => tc.api('/api/scenarios/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function finished(runId: string): Promise<ScenarioRun> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const run = (await (await tc.api(`/api/scenarios/runs/${runId}`)).json()) as ScenarioRun;
    if (run.finishedAt !== null) return run;
    if (Date.now() > deadline) throw new Error(`run not finished: ${JSON.stringify(run)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('scenario routes', () => {
  it('lists the shipped examples with their titles and text', async () => {
    const examples = (await (await tc.api('/api/scenarios/examples')).json()) as ScenarioExample[];
    expect(examples.map((e) => e.name)).toEqual(['appsflyer-install-purchase.yaml', 'keitaro-retries.yaml', 'offerwall-callback.yaml']);
    expect(examples[0]).toEqual({ name: example, title: 'AppsFlyer-style install + purchase', text: exampleText });
  });

  it('runs the AppsFlyer example inside the app: every step and expectation passes, with the exchanges it matched; JUnit as the CLI writes it', async () => {
    const response = await post({ plan: exampleText, name: example });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    // At once: the whole plan is listed, nothing has finished yet.
    const early = (await (await tc.api(`/api/scenarios/runs/${runId}`)).json()) as ScenarioRun;
    expect(early.steps.map((s) => s.name)).toEqual(['click: GET /af/click', 'buy: send purchase']);
    expect(early.expectations).toHaveLength(8);
    expect([...early.steps, ...early.expectations].every((x) => x.status !== 'pass')).toBe(true);

    const run = await finished(runId);
    expect({ status: run.status, error: run.error }).toEqual({ status: 'passed', error: null });
    for (const item of [...run.steps, ...run.expectations]) {
      expect({ name: item.name, status: item.status }).toEqual({ name: item.name, status: 'pass' });
      expect(item.durationMs).toBeGreaterThanOrEqual(0);
    }
    // Lines point into the plan: the first step is `- id: click` on line 37.
    expect(run.steps[0]!.line).toBe(exampleText.split('\n').findIndex((l) => l.includes('- id: click')) + 1);
    // The send step names the postback it sent; `arrives` and `verdict` the capture they matched.
    const [send, install, installVerdict] = [run.steps[1]!, run.expectations[0]!, run.expectations[1]!];
    expect(send.exchangeIds).toHaveLength(1);
    expect(install.exchangeIds).toHaveLength(1);
    expect(installVerdict.exchangeIds).toEqual(install.exchangeIds);
    const captured = (await (await tc.api(`/api/exchanges/${install.exchangeIds[0]}`)).json()) as { path: string; direction: string };
    expect(captured).toMatchObject({ path: '/appsflyer/postback', direction: 'in' });

    const junit = await tc.api(`/api/scenarios/runs/${runId}/junit`);
    expect(junit.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await junit.text();
    expect(junitProblems(xml)).toEqual([]);
    expect(parseXml(xml).children[0]!.attributes).toMatchObject({ name: 'AppsFlyer-style install + purchase', tests: '8', failures: '0', errors: '0' });
    // What setup created is removed again: the app is the user's.
    expect(await (await tc.api('/api/profiles')).json()).toEqual([]);
  });

  it('refuses a broken plan whole with 400 naming the line, column and path; nothing runs', async () => {
    const broken = exampleText.replace('within: 5s', 'within: soon');
    const line = broken.split('\n').findIndex((l) => l.includes('within: soon')) + 1;
    const response = await post({ plan: broken, name: 'mine.yaml' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; line: number; col: number; fields: unknown[] } };
    expect(body.error).toMatchObject({ code: 'INVALID_PLAN', line, col: 13, fields: [{ field: 'expect[0].within', message: 'must be an integer or a duration such as 500ms, 5s or 1m' }] });
    expect(body.error.message).toBe(`The scenario plan is not valid; nothing ran: mine.yaml:${line}:13: expect[0].within: must be an integer or a duration such as 500ms, 5s or 1m`);
  });

  it('a plan that is not an example reads no file of the app: a relative file it names must be attached, else it is refused at its line', async () => {
    const response = await post({ plan: exampleText, name: 'copy.yaml' });
    const body = (await response.json()) as { error: { message: string; line: number; col: number; fields: Array<{ field: string; message: string }> } };
    expect(response.status).toBe(400);
    expect(body.error.line).toBe(exampleText.split('\n').findIndex((l) => l.includes('- diff: golden/')) + 1);
    expect(body.error.col).toBe(11);
    expect(body.error.message).toMatch(/no such file: golden\/appsflyer-purchase\.http \(attach it: drop it on the plan or use "Attach files…"; through the API, send it in `files`\)/);
    // The field carries the hint too: the editor shows the field, not the message.
    expect(body.error.fields).toEqual([{ field: 'expect[4].diff', message: 'no such file: golden/appsflyer-purchase.http (attach it: drop it on the plan or use "Attach files…"; through the API, send it in `files`)' }]);
  });

  it('runs a copied plan with its golden file attached, by its relative path or by its file name alone', async () => {
    const golden = readFileSync(new URL('../../examples/golden/appsflyer-purchase.http', import.meta.url)).toString('base64');
    for (const key of ['golden/appsflyer-purchase.http', 'appsflyer-purchase.http']) {
      const response = await post({ plan: exampleText, name: 'copy.yaml', files: { [key]: golden } });
      expect(response.status).toBe(202);
      const run = await finished(((await response.json()) as { runId: string }).runId);
      expect({ key, status: run.status, diff: run.expectations.find((e) => e.name.includes('appsflyer-purchase.http'))?.status }).toEqual({ key, status: 'passed', diff: 'pass' });
    }
  });

  it('replays an attached HAR; a path that leaves the plan folder finds nothing, even where a file exists there', async () => {
    const har = { log: { version: '1.2', creator: { name: 'test' }, entries: [{ startedDateTime: '2025-01-01T00:00:00.000Z', request: { method: 'GET', url: 'https://partner.example/replayed/pb?click_id=r-1', headers: [] }, response: { status: 200 } }] } };
    const plan = 'name: replay\nsteps:\n  - replay-har: traffic/partner.har\nexpect:\n  - arrives: /replayed/pb\n    params: { click_id: r-1 }\n';
    const response = await post({ plan, name: 'replay.yaml', files: { 'traffic/partner.har': Buffer.from(JSON.stringify(har)).toString('base64') } });
    expect(response.status).toBe(202);
    const run = await finished(((await response.json()) as { runId: string }).runId);
    expect({ status: run.status, step: run.steps[0]!.message }).toEqual({ status: 'passed', step: expect.stringContaining('1 request(s) replayed') });

    const escape = await post({ plan: plan.replace('traffic/partner.har', '../../package.json'), name: 'replay.yaml', files: { '../../package.json': 'e30=' } });
    expect(escape.status).toBe(400);
    expect(((await escape.json()) as { error: { message: string } }).error.message).toContain('no such file: ../../package.json');
    expect((await post({ plan, name: 'replay.yaml', files: { 'traffic/partner.har': 'not base64!' } })).status).toBe(400);
  });

  it('one run at a time: a second plan while one runs is 409 SCENARIO_BUSY naming the running one', async () => {
    const slow = 'name: slow\nsteps:\n  - wait: 600ms\nexpect:\n  - no-duplicates: true\n';
    const { runId } = (await (await post({ plan: slow, name: 'slow.yaml' })).json()) as { runId: string };
    const second = await post({ plan: slow, name: 'slow.yaml' });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'SCENARIO_BUSY', message: expect.stringContaining(`run ${runId} (slow) has not finished`) });
    expect((await tc.api(`/api/scenarios/runs/${runId}/junit`)).status).toBe(404);
    expect((await finished(runId)).status).toBe('passed');
  });

  it('YAML syntax errors and unknown runs', async () => {
    const response = await post({ plan: 'name: x\nsteps: [\n', name: 'bad.yaml' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/bad\.yaml:\d+:\d+: \(YAML\)/);
    expect((await post({})).status).toBe(400);
    expect((await tc.api('/api/scenarios/runs/nope')).status).toBe(404);
    expect((await tc.api('/api/scenarios/runs/nope/junit')).status).toBe(404);
  });
});
