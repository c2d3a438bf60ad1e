/**
 * The integration report as one self-contained HTML file: inline CSS and SVG, no script, no
 * external asset, secrets masked. What a QA engineer attaches to the partner ticket.
 */
import { bandOf, formatLatency, formatPercent, formatValue, netConversions, netValue } from '../metrics/kpis.js';
import { displayBars } from '../metrics/latency-bins.js';
import { BANDS, DEFINITIONS, FAILURE_REASON_LABELS, FAILURE_REASONS, type KpiName, type MetricsResult, type SeriesPoint, type SideMetrics } from '../model/metrics.js';
import { emptyTotals } from '../metrics/kpis.js';
import type { ReportData } from './report-data.js';
import type { SecretMask } from '../profiles/secret-mask.js';
import { REPORT_CSS } from './report-style.js';
import { histogram, rateLine, stackedBars } from './report-svg.js';

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function kpi(name: KpiName, label: string, value: string, raw: number | null, definition: string, extra = ''): string {
  const level = bandOf(name, raw);
  return `<section class="kpi ${level ?? 'none'}"><h3>${esc(label)}</h3><div class="value">${esc(value)}</div>
    <div class="band">${level ? `<b>${level}</b> · ` : ''}benchmark: ${esc(BANDS[name].text)}</div>${extra}<p class="def">${esc(definition)}</p></section>`;
}

function sideTable(s: SideMetrics): string {
  const t = s.totals;
  const rt = s.responseTime;
  const rows: Array<[string, string]> =
    s.side === 'sender'
      ? [
          ['Outbound postbacks', String(t.n)],
          ['Conversions delivered (per key + event)', `${t.conversionsDelivered} of ${t.conversions}`],
          ['Sends delivered / failed / pending', `${t.delivered} / ${t.failed} / ${t.pending}`],
          ['Delivery rate', formatPercent(s.deliveryRate)],
          ['Attempts per delivery', s.attemptsPerDelivery === null ? '–' : s.attemptsPerDelivery.toFixed(2)],
          ['Duplicate rate', formatPercent(s.duplicateRate)],
        ]
      : [
          ['Captured postbacks', String(t.n)],
          ['Conversions (net of reversals)', `${netConversions(t)} (${t.conversions} captured − ${t.reversed} reversed)`],
          ['Reversals (chargebacks, refunds…)', String(t.reversals)],
          ['Value (net of reversals)', `${formatValue(netValue(t))} (${formatValue(t.valueSum)} − ${formatValue(t.reversedValueSum)})`],
          ['Expected that arrived', `${t.expected ? '' : ''}${formatPercent(s.deliveryRate)}`],
          ['Verdicts pass / fail / none / pending', `${t.verdictPass} / ${t.verdictFail} / ${t.verdictNone} / ${t.verdictPending}`],
          ['Postbacks with privacy findings', String(t.privacyFindings)],
          ['Accuracy rate', formatPercent(s.accuracyRate)],
          ['Value/currency mismatches', `${t.mismatched} of ${t.withExpected} with an expected conversion`],
          ['Duplicate rate', formatPercent(s.duplicateRate)],
        ];
  rows.push(['Response time p50 / p90 / p99', rt ? `${formatLatency(rt.p50)} / ${formatLatency(rt.p90)} / ${formatLatency(rt.p99)}${rt.exact ? '' : ' (±6 %)'}` : '–']);
  rows.push(['Response time mean (n)', rt ? `${formatLatency(rt.mean)} (${rt.count})` : '–']);
  // Counted apart: conversion times in the future or beyond the horizon are not in the numbers above.
  rows.push(['Clock problems (not in response time)', String(t.clockProblems)]);
  rows.push(['Unreplaced macros', `${t.macroTokens} in ${t.macroPostbacks} postbacks`]);
  for (const r of FAILURE_REASONS) if (t[r]) rows.push([FAILURE_REASON_LABELS[r], String(t[r])]);
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

/** Every bucket of the window, empty ones too, so bar widths say how long the run lasted. */
function filledSeries(m: MetricsResult): SeriesPoint[] {
  const step = m.bucket === 'minute' ? 60_000 : 3_600_000;
  const first = Math.floor(m.filter.from / step) * step;
  if ((m.filter.to - first) / step > 500) return m.series;
  const have = new Map(m.series.map((p) => [p.t, p]));
  const out: SeriesPoint[] = [];
  for (let t = first; t < m.filter.to; t += step) out.push(have.get(t) ?? { t, out: emptyTotals(), in: emptyTotals() });
  return out;
}

export function renderReportHtml(data: ReportData, mask: SecretMask): string {
  const m = data.metrics;
  const s = m.sender;
  const r = m.receiver;
  const main = s.totals.n > 0 ? s : r;
  const points = filledSeries(m);
  const labels = points.map((p) => new Date(p.t).toISOString().slice(m.bucket === 'minute' ? 11 : 5, 16).replace('T', ' '));
  const side = (p: SeriesPoint) => (main.side === 'sender' ? p.out : p.in);
  const seriesTitle = `${main.side === 'sender' ? 'Outbound' : 'Captured'} postbacks per ${m.bucket} (UTC): delivered, failed, pending`;
  const series = stackedBars(
    labels,
    [
      { label: 'delivered', className: 'ok', values: points.map((p) => side(p).delivered) },
      { label: 'failed', className: 'err', values: points.map((p) => side(p).failed) },
      { label: 'pending', className: 'pend', values: points.map((p) => side(p).pending) },
    ],
    seriesTitle,
  );
  const ratesTitle = `Delivery rate per ${m.bucket} (dashed: the ${BANDS.deliveryRate.good * 100} % “good” level)`;
  const rates = rateLine(labels, points.map((p) => (side(p).n ? side(p).delivered / side(p).n : null)), BANDS.deliveryRate.good, ratesTitle);
  const histTitle = `Response times, ${main.side} side (log scale)`;
  const hist = histogram(displayBars(main.bins), histTitle);
  const rt = main.responseTime;
  const rtExtra = rt ? `<div class="pcts">p50 ${esc(formatLatency(rt.p50))} · p90 ${esc(formatLatency(rt.p90))} · p99 ${esc(formatLatency(rt.p99))} · n ${rt.count}</div>` : '';
  const scope = [data.names.endpoint && `endpoint ${data.names.endpoint}`, data.names.profile && `profile ${data.names.profile}`, data.names.template && `template ${data.names.template}`, m.filter.direction && `direction ${m.filter.direction}`]
    .filter(Boolean)
    .join(' · ');
  const failures = data.failures
    .map((f) => `<tr><td class="num">#${f.exchangeId}</td><td>${esc(iso(f.at))}</td><td>${f.direction}</td><td>${esc(f.key ?? '')}</td><td>${esc(f.event ?? '')}</td><td>${esc(f.problems.join(', '))}</td><td>${f.reason ? esc(FAILURE_REASON_LABELS[f.reason]) : ''}</td><td class="num">${f.attempts}</td><td class="num">${f.status ?? ''}</td><td>${esc(f.detail ?? '')}<div class="target">${esc(data.targets[f.exchangeId] ?? '')}</div></td></tr>`)
    .join('');
  const v = data.verdicts;
  const rec = data.reconciliation;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Postback Inspector"><title>${esc(data.title)} — ${esc(iso(m.filter.from))} to ${esc(iso(m.filter.to))}</title>
<style>${REPORT_CSS}</style></head><body>
<header><h1>${esc(data.title)}</h1><p class="muted">${esc(iso(m.filter.from))} → ${esc(iso(m.filter.to))}${scope ? ` · ${esc(scope)}` : ''} · generated ${esc(iso(data.generatedAt))}${m.lag ? ` · <b>${m.lag} exchanges not yet counted</b>` : ''}</p></header>
<div class="kpis">
${kpi('deliveryRate', `Delivery rate (${main.side} side)`, formatPercent(main.deliveryRate), main.deliveryRate, main.side === 'sender' ? DEFINITIONS.deliveryRateSender : DEFINITIONS.deliveryRateReceiver)}
${kpi('responseTime', 'Response time (mean)', formatLatency(rt?.mean ?? null), rt?.mean ?? null, DEFINITIONS.responseTime, rtExtra)}
${kpi('accuracyRate', 'Accuracy rate', formatPercent(r.accuracyRate), r.accuracyRate, DEFINITIONS.accuracyRate)}
</div>
<h2>Charts</h2><figure><figcaption>${esc(seriesTitle)}</figcaption>${series}</figure><figure><figcaption>${esc(ratesTitle)}</figcaption>${rates}</figure><figure><figcaption>${esc(histTitle)}</figcaption>${hist}</figure>
<div class="sides"><section><h2>Sender side</h2>${sideTable(s)}</section><section><h2>Receiver side</h2>${sideTable(r)}${m.expectedImport ? `<p>Against the imported list${data.names.importName ? ` “${esc(data.names.importName)}”` : ''}: ${m.expectedImport.arrived} of ${m.expectedImport.expected} arrived (${esc(formatPercent(m.expectedImport.rate))}).</p>` : ''}</section></div>
<h2>Verdicts</h2><p>pass ${v.pass} · fail ${v.fail} · none (no profile) ${v.none} · pending ${v.pending}</p>
${v.topFailures.length ? `<table class="list"><thead><tr><th>Most failed check</th><th>Postbacks</th></tr></thead><tbody>${v.topFailures.map((t) => `<tr><td>${esc(t.check)}</td><td class="num">${t.count}</td></tr>`).join('')}</tbody></table>` : ''}
${rec ? `<h2>Reconciliation</h2><p>${rec.expected} expected · ${rec.matched} matched · ${rec.counts.missing} missing · ${rec.counts.unexpected} unexpected · ${rec.counts.duplicated} duplicated · ${rec.counts.mismatched} mismatched · ${rec.counts.reversed} reversed</p>
<table class="list"><thead><tr><th>Kind</th><th>Key</th><th>Event</th><th>Exchanges</th><th>Differences</th></tr></thead><tbody>${(['missing', 'unexpected', 'duplicated', 'mismatched', 'reversed'] as const)
    .flatMap((k) => rec[k].slice(0, 100).map((i) => `<tr><td>${k}</td><td>${esc(i.key)}</td><td>${esc(i.event ?? '')}</td><td>${i.exchangeIds.map((id) => `#${id}`).join(' ')}</td><td>${esc((i.differences ?? []).map((d) => `${d.field}: expected ${d.expected}, got ${d.actual}`).join('; '))}</td></tr>`))
    .join('')}</tbody></table>` : ''}
<h2>Failures</h2>${data.failures.length ? `<table class="list"><thead><tr><th>Exchange</th><th>Time (UTC)</th><th>Dir</th><th>Key</th><th>Event</th><th>Problems</th><th>Reason</th><th>Attempts</th><th>Status</th><th>Detail</th></tr></thead><tbody>${failures}</tbody></table>${data.failures.length >= 500 ? '<p class="muted">First 500 shown; the CSV/JSON export has every row.</p>' : ''}` : '<p>None in this window.</p>'}
<h2>Definitions</h2><dl>${Object.entries(DEFINITIONS).map(([k, d]) => `<dt>${esc(k)}</dt><dd>${esc(d)}</dd>`).join('')}</dl>
<footer class="muted">Secrets (profile keys, sig/token/key params) are masked. Times are UTC.</footer>
</body></html>`;
  return mask(html);
}
