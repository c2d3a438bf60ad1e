import type { AttemptView, SendPreview, SendProblem, SendResult } from '../model/sender.js';

/** Plain-text views of a send for terminals (the CLI); the API returns the JSON shapes instead. */

function requestLines(preview: SendPreview): string[] {
  const lines = [`→ ${preview.method} ${preview.url}  (${preview.transport})`];
  for (const [name, value] of preview.rawHeaders) lines.push(`  ${name}: ${value}`);
  if (preview.bodyText) lines.push('', ...preview.bodyText.split('\n').map((l) => `  ${l}`));
  else if (preview.body) lines.push(`  <${Buffer.from(preview.body, 'base64').length} bytes of binary body>`);
  for (const note of preview.notes) lines.push(`  note: ${note}`);
  return lines;
}

function attemptLine(a: AttemptView): string {
  // Cut off by a crash: no status and no duration to show, only why nobody knows.
  if (a.outcome === 'unknown') return `  attempt ${a.number}: ${a.verdict}${a.nextAttemptAt ? ` (at ${new Date(a.nextAttemptAt).toISOString()})` : ''}`;
  const status = a.status === null ? 'no response' : String(a.status);
  const next = a.nextAttemptAt ? `; retry at ${new Date(a.nextAttemptAt).toISOString()}` : '';
  return `  attempt ${a.number}: ${status}, ${a.outcome} in ${Math.round(a.durationMs)} ms (${a.verdict})${next}`;
}

export function formatResult(result: SendResult): string {
  const lines = requestLines(result.preview);
  lines.push('', ...result.attempts.map(attemptLine));
  const last = result.attempts.at(-1);
  if (last && last.responseBody) {
    const body = Buffer.from(last.responseBody, 'base64').toString('utf8');
    lines.push(`  response body: ${body.length > 200 ? `${body.slice(0, 200)}…` : body}`);
  }
  lines.push('', result.delivered ? `Delivered (${result.outbox.attempts} attempt${result.outbox.attempts === 1 ? '' : 's'}).` : `Not delivered: ${result.outbox.state}.`);
  return `${lines.join('\n')}\n`;
}

/** The expanded request with what stops it; `refused` says it was not sent. */
export function formatRefusal(preview: SendPreview | null, problems: SendProblem[], refused: boolean): string {
  const lines = preview ? requestLines(preview) : [];
  if (problems.length) lines.push('', ...problems.map((p) => `  ✗ ${p.message}`));
  if (refused) lines.push('', 'Not sent. Fix the values or use --send-anyway.');
  return `${lines.join('\n')}\n`;
}
