import type { RunReport } from './run-plan.js';

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test reporters): one testsuite per plan,
 * one testcase per expectation (plus the step that broke the run, if one did), `failure` for an
 * expectation that did not hold, `error` for one that could not be checked, `skipped` after a
 * broken step. The message attribute names the expectation and what was seen; the element's text
 * carries the full detail (a diff, say).
 */
export function renderJunit(report: RunReport): string {
  const count = (status: string): number => report.cases.filter((c) => c.status === status).length;
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const classname = `scenario.${report.plan.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
  const suite = {
    name: report.plan,
    tests: report.cases.length,
    failures: count('failed'),
    errors: count('error'),
    skipped: count('skipped'),
    time: seconds(report.timeMs),
    timestamp: report.startedAt.replace(/\.\d+Z$/, ''),
    file: report.file,
  };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="postback-inspector" tests="${suite.tests}" failures="${suite.failures}" errors="${suite.errors}" skipped="${suite.skipped}" time="${suite.time}">`,
    `  <testsuite ${Object.entries(suite).map(([k, v]) => `${k}="${attr(String(v))}"`).join(' ')}>`,
  ];
  for (const c of report.cases) {
    const head = `    <testcase name="${attr(c.name)}" classname="${attr(classname)}" time="${seconds(c.timeMs)}"`;
    if (c.status === 'passed') {
      lines.push(`${head}/>`);
      continue;
    }
    const element = c.status === 'failed' ? 'failure' : c.status === 'error' ? 'error' : 'skipped';
    const message = `${c.name}: ${c.message.split('\n')[0]}`;
    lines.push(`${head}>`, `      <${element} message="${attr(message)}"${element === 'skipped' ? '/>' : ` type="${element === 'failure' ? 'ExpectationFailed' : 'ScenarioError'}">${text(c.message)}</${element}>`}`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** XML 1.0 cannot carry most control characters even escaped: they become U+FFFD. */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

function attr(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
