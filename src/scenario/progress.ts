import type { ProgressEvent, RunReport } from './run-plan.js';

/** One line per step and expectation on a terminal; CI logs (not a TTY) get the summary only. */
export function progressLine(event: ProgressEvent): string {
  const mark = event.skipped ? '–' : event.ok ? '✓' : '✕';
  const detail = event.ok ? '' : `\n    ${event.detail.split('\n').join('\n    ')}`;
  return `  ${mark} ${event.kind === 'step' ? 'step ' : ''}${event.name} (${event.timeMs} ms)${detail}\n`;
}

export function summary(report: RunReport, verbose: boolean): string {
  const by = (status: string): number => report.cases.filter((c) => c.status === status).length;
  const counts = [`${by('passed')} passed`, `${by('failed')} failed`, ...(by('error') ? [`${by('error')} errors`] : []), ...(by('skipped') ? [`${by('skipped')} skipped`] : [])];
  const lines = [`${report.passed ? '✓' : '✕'} ${report.plan}: ${counts.join(', ')} (${(report.timeMs / 1000).toFixed(1)} s)`];
  // Failures are always spelled out: without a TTY they were not shown as they happened.
  if (!verbose) for (const c of report.cases.filter((x) => x.status === 'failed' || x.status === 'error')) lines.push(`  ✕ ${c.name}\n    ${c.message.split('\n').join('\n    ')}`);
  return `${lines.join('\n')}\n`;
}
