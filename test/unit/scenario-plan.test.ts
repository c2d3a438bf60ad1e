import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadPlan, PlanError } from '../../src/scenario/plan-load.js';
import { planJsonSchema } from '../../src/scenario/plan-schema.js';
import { renderJunit } from '../../src/scenario/junit.js';
import type { RunReport } from '../../src/scenario/run-plan.js';
import { junitProblems, parseXml } from '../helpers/junit-check.js';

const root = new URL('../../', import.meta.url).pathname;
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml'));

/** A plan from lines, as a user would type it; files are looked up beside examples/. */
const plan = (...lines: string[]): string => lines.join('\n') + '\n';
function refusal(text: string): PlanError {
  try {
    loadPlan(text, join(root, 'examples', 'plan.yaml'));
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('the plan was accepted');
}

const base = ['name: t', 'steps:', '  - id: s1', '    request: { path: /click, query: { click_id: "{{uuid}}" } }', 'expect:'];

describe('the published plan schema', () => {
  it('docs/scenario-plan.schema.json is the TypeBox schema, current (regenerate: npx tsx scripts/scenario-schema.ts)', () => {
    expect(JSON.parse(readFileSync(join(root, 'docs/scenario-plan.schema.json'), 'utf8'))).toEqual(planJsonSchema());
  });

  it('accepts every example plan with a stock JSON Schema validator (what an editor uses)', async () => {
    const { parse } = await import('yaml');
    const validate = new Ajv({ strict: false, allErrors: true }).compile(planJsonSchema());
    expect(examples.length).toBe(3);
    for (const file of examples) {
      const ok = validate(parse(readFileSync(join(root, 'examples', file), 'utf8')));
      expect({ file, errors: validate.errors ?? null }).toEqual({ file, errors: null });
      expect(ok).toBe(true);
    }
  });
});

describe('loading a plan', () => {
  it('loads the examples, keeping bare numbers in params as written (payout: 1.50 is "1.50")', () => {
    for (const file of examples) loadPlan(readFileSync(join(root, 'examples', file), 'utf8'), join(root, 'examples', file));
    const loaded = loadPlan(plan(...base, '  - arrives: /pb', '    params: { payout: 1.50, n: 007 }'), 'p.yaml');
    expect(loaded.plan.expect[0]).toMatchObject({ params: { payout: '1.50', n: '007' } });
  });

  it('names the line, column and path of a YAML syntax error', () => {
    const e = refusal(plan(...base, '  - arrives: /pb', '    params: { a: [1, 2 }'));
    expect(e.line).toBe(7);
    expect(e.message).toMatch(/plan\.yaml:7:\d+: \(YAML\): /);
  });

  it('points an unknown field at its key, with the path', () => {
    const e = refusal(plan(...base, '  - arrives: /pb', '    withn: 5s'));
    expect([e.line, e.col, e.path, e.problem]).toEqual([7, 5, 'expect[0].withn', 'unknown field "withn"']);
  });

  it('says which value is wrong and what was allowed', () => {
    expect(refusal(plan(...base, '  - arrives: /pb', '    within: soon')).message).toMatch(/:7:13: expect\[0\]\.within: must be an integer or a duration such as 500ms, 5s or 1m$/);
    expect(refusal(plan(...base, '  - id: c', '    arrives: /pb', '  - signature: fine', '    of: c')).message).toMatch(/:8:16: expect\[1\]\.signature: must be one of "valid", "invalid"/);
    expect(refusal(plan(...base, '  - delivery-rate: 98')).message).toMatch(/:6:20: expect\[0\]\.delivery-rate: must be a quoted comparison such as ">= 0.98"/);
  });

  it('picks the retry policy branch the user meant instead of listing every branch', () => {
    const e = refusal(plan('name: t', 'steps:', '  - send:', '      template: { url: "http://x/pb" }', '      retry: { kind: exponential, baseMs: 10, factor: 2, maxAttempts: many, maxDelayMs: 100 }', 'expect:', '  - no-duplicates: true'));
    expect([e.line, e.path, e.problem]).toEqual([5, 'steps[0].send.retry.maxAttempts', 'must be integer']);
  });

  it('refuses a step or expectation without exactly one kind', () => {
    expect(refusal(plan(...base, '  - name: nothing')).message).toMatch(/:6:5: expect\[0\]: an expectation needs one of: arrives, signature/);
    expect(refusal(plan('name: t', 'steps:', '  - wait: 1', '    send: { template: x }', 'expect:', '  - no-duplicates: true')).message).toMatch(/:3:5: steps\[0\]: one step per item, found send and wait/);
  });

  it('refuses references to later or unknown steps, vars, captures, templates, profiles and files', () => {
    const later = refusal(plan('name: t', 'steps:', '  - request: { path: /a, query: { x: "{{s2.x}}" } }', '  - id: s2', '    wait: 1', 'expect:', '  - no-duplicates: true'));
    expect([later.line, later.path]).toEqual([3, 'steps[0].request.query.x']);
    expect(later.problem).toMatch(/no earlier step has id "s2"/);
    expect(refusal(plan(...base, '  - arrives: /pb', '    params: { x: "{{vars.nope}}" }')).problem).toMatch(/no such var/);
    expect(refusal(plan(...base, '  - arrives: /pb', '    params: { x: "{{clickid}}" }')).problem).toMatch(/is not receiver, run, uuid or now/);
    expect(refusal(plan(...base, '  - verdict: pass', '    of: nope')).problem).toMatch(/no earlier "arrives" expectation has id "nope"/);
    expect(refusal(plan('name: t', 'steps:', '  - send: { template: missing }', 'expect:', '  - no-duplicates: true')).problem).toMatch(/no template "missing"/);
    expect(refusal(plan(...base, '  - id: c', '    arrives: /pb', '  - diff: golden/none.http', '    of: c')).problem).toMatch(/no such file: golden\/none.http/);
    expect(refusal(plan('name: t', 'endpoints:', '  - id: e', '    profile: ghost', '    endpoint: { name: e, path: /e }', 'steps: []', 'expect:', '  - no-duplicates: true')).message).toMatch(/:4:14: endpoints\[0\]\.profile: no profile "ghost"/);
  });

  it('refuses a plan with no expectations (a green run that checks nothing would mislead CI)', () => {
    expect(refusal(plan('name: t', 'steps: []', 'expect: []')).path).toBe('expect');
  });
});

describe('JUnit output', () => {
  const report: RunReport = {
    plan: 'Offerwall <callback> & "co"',
    file: 'plan.yaml',
    startedAt: '2025-01-02T03:04:05.678Z',
    timeMs: 1234,
    steps: [],
    cases: [
      { kind: 'expectation', name: 'postback arrives at /pb', status: 'passed', message: '#1', timeMs: 12 },
      { kind: 'expectation', name: 'no duplicates at /pb', status: 'failed', message: '2 duplicate(s): #3 /pb?a=1&b=<2>\nsecond line', timeMs: 3 },
      { kind: 'step', name: 'step s1: send x', status: 'error', message: 'POST /api/send → 422: \u0001 unknown macro', timeMs: 5 },
      { kind: 'expectation', name: 'verdict of c is pass', status: 'skipped', message: 'not checked', timeMs: 0 },
    ],
    passed: false,
  };

  it('has the common structure CI systems read, with counts that add up', () => {
    const xml = renderJunit(report);
    expect(junitProblems(xml)).toEqual([]);
    const suite = parseXml(xml).children[0]!;
    expect(suite.attributes).toMatchObject({ name: 'Offerwall <callback> & "co"', tests: '4', failures: '1', errors: '1', skipped: '1', time: '1.234' });
  });

  it('names the expectation and what was seen in the failure message; the detail is the element text', () => {
    const cases = parseXml(renderJunit(report)).children[0]!.children;
    const failure = cases[1]!.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attributes['message']).toBe('no duplicates at /pb: 2 duplicate(s): #3 /pb?a=1&b=<2>');
    expect(failure.text).toContain('second line');
    expect(cases[2]!.children[0]!.attributes['message']).toBe('step s1: send x: POST /api/send → 422: \uFFFD unknown macro');
    expect(cases[3]!.children[0]!.name).toBe('skipped');
  });

  it('the checker itself catches broken documents', () => {
    expect(junitProblems('<testsuites><testsuite name="a" tests="2" failures="0" errors="0" time="1"><testcase name="x" classname="c" time="0"/></testsuite></testsuites>')).toEqual(['testsuite[0]@tests=2 but 1 found']);
    expect(junitProblems('<testsuites><testsuite name="a & b" tests="0" failures="0" errors="0" time="1"></testsuite></testsuites>')[0]).toMatch(/bare &/);
    expect(junitProblems('<testsuites><testsuite name="a" tests="1" failures="1" errors="0" time="1"><testcase name="x" classname="c" time="0"><failure/></testcase></testsuite></testsuites>')).toEqual(['testsuite[0].testcase[0].failure: no message attribute']);
  });
});
