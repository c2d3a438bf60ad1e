import type { ExchangeVerdict } from '../model/verdict.js';

const MARK = { pass: '✓', warn: '!', fail: '✕' } as const;

/** Multi-line values (canonical strings with newlines) stay aligned under their label. */
function field(label: string, value: string): string {
  const pad = ' '.repeat(13);
  const [first = '', ...rest] = value.split('\n');
  return `  ${label.padEnd(11)}${first}${rest.map((line) => `\n${pad}${line}`).join('')}`;
}

/** The explanation a CI log shows: signature first (the usual question), then params, then checks. */
export function formatVerdict(v: ExchangeVerdict & { notes?: string[] }): string {
  const lines: string[] = [];
  const sig = v.signature;
  if (sig.status === 'none') {
    lines.push(`– signature not checked: ${sig.reason ?? 'no scheme'}`);
  } else if (sig.status === 'error') {
    lines.push(`✕ ${sig.scheme}: cannot verify — ${sig.reason}`);
  } else if (sig.explain) {
    const e = sig.explain;
    lines.push(e.valid ? `✓ VALID  ${e.scheme}${e.trust ? ` (trust: ${e.trust})` : ''}` : `✕ INVALID  ${e.scheme} — ${e.cause ?? 'signature mismatch'}`);
    lines.push(field('canonical', e.canonicalVisible === '' ? '(empty)' : e.canonicalVisible));
    if (e.expected !== null) lines.push(field('expected', e.expected));
    lines.push(field('given', e.given ?? '(none)'));
    e.details.forEach((d, i) => lines.push(field(i === 0 ? 'details' : '', d)));
  }
  if (v.params.length > 0) {
    lines.push('', `Params${v.profileName ? ` (profile ${v.profileName})` : ''}`);
    const width = Math.min(24, Math.max(...v.params.map((p) => p.name.length)));
    for (const p of v.params) {
      const value = p.value === null ? '(absent)' : JSON.stringify(p.value);
      lines.push(`  ${MARK[p.status]} ${p.name.padEnd(width)}  ${value}  ${p.rule}${p.why ? ` — ${p.why}` : ''}`);
    }
  }
  if (v.issues.length > 0) {
    lines.push('', 'Checks');
    for (const issue of v.issues) lines.push(`  ${MARK[issue.severity]} ${issue.code}: ${issue.message}`);
  }
  for (const note of v.notes ?? []) lines.push(`  note: ${note}`);
  const counts = `${v.failures} failure${v.failures === 1 ? '' : 's'}, ${v.warnings} warning${v.warnings === 1 ? '' : 's'}`;
  lines.push('', `Result: ${v.status === 'fail' ? 'FAIL' : v.status === 'pass' ? 'PASS' : 'NONE'} (${counts})`);
  return lines.join('\n') + '\n';
}
