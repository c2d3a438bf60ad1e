/**
 * Charts for the HTML report as inline SVG: no script, no external asset, readable when the file
 * is opened from a ticket years later. Colours come from the report's CSS classes.
 */
import { formatLatency } from '../metrics/kpis.js';
import type { DisplayBar } from '../metrics/latency-bins.js';

const W = 720;
const H = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface StackSeries {
  label: string;
  className: string;
  values: number[];
}

function frame(inner: string, title: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${inner}</svg>`;
}

/** A round axis maximum whose quarters are whole numbers (counts never read 12.5). */
function niceMax(v: number): number {
  if (v <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(v));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v)!;
  return Math.ceil(nice / 4) * 4;
}

function yAxis(max: number, format: (v: number) => string): string {
  const plotH = H - PAD.top - PAD.bottom;
  let out = '';
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = PAD.top + plotH - (plotH * i) / 4;
    out += `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}"/><text class="tick" x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${esc(format(v))}</text>`;
  }
  return out;
}

function xLabels(labels: string[], x: (i: number) => number): string {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return labels
    .map((l, i) => (i % every === 0 ? `<text class="tick" x="${x(i)}" y="${H - 8}" text-anchor="middle">${esc(l)}</text>` : ''))
    .join('');
}

/** Stacked bars per time bucket (delivered / failed / pending…). */
export function stackedBars(labels: string[], stacks: StackSeries[], title: string): string {
  const n = labels.length;
  if (n === 0) return frame(`<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">No postbacks in this window</text>`, title);
  const totals = labels.map((_, i) => stacks.reduce((s, st) => s + (st.values[i] ?? 0), 0));
  const max = niceMax(Math.max(...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const bw = plotW / n;
  const x = (i: number) => PAD.left + bw * i + bw / 2;
  let bars = '';
  for (let i = 0; i < n; i++) {
    let y = PAD.top + plotH;
    for (const st of stacks) {
      const v = st.values[i] ?? 0;
      if (v <= 0) continue;
      const h = (plotH * v) / max;
      y -= h;
      bars += `<rect class="${st.className}" x="${(PAD.left + bw * i + bw * 0.1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bw * 0.8).toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(`${labels[i]}: ${st.label} ${v}`)}</title></rect>`;
    }
  }
  return frame(yAxis(max, (v) => String(Math.round(v))) + bars + xLabels(labels, x), title);
}

/** A rate (0..1) per bucket as a line, with the benchmark's "good" level dashed. */
export function rateLine(labels: string[], values: Array<number | null>, good: number, title: string): string {
  const n = labels.length;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number) => PAD.top + plotH - plotH * v;
  const points = values.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter((p): p is string => p !== null);
  const line = points.length > 1 ? `<polyline class="line" points="${points.join(' ')}"/>` : '';
  const dots = points.length <= 60 ? points.map((p) => `<circle class="dot" cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5"/>`).join('') : '';
  const goodLine = `<line class="band" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(good)}" y2="${y(good)}"/>`;
  return frame(yAxis(1, (v) => `${Math.round(v * 100)}%`) + goodLine + line + dots + xLabels(labels, x), title);
}

/** Response-time histogram: log-scale bins as bars, labelled with their lower edge. */
export function histogram(bars: DisplayBar[], title: string): string {
  if (bars.length === 0) return frame(`<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">No response times in this window</text>`, title);
  const max = niceMax(Math.max(...bars.map((b) => b.count)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const bw = plotW / bars.length;
  const x = (i: number) => PAD.left + bw * i + bw / 2;
  const rects = bars
    .map((b, i) => {
      const h = (plotH * b.count) / max;
      return `<rect class="bar" x="${(PAD.left + bw * i + 1).toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(`${formatLatency(b.fromMs)} – ${formatLatency(b.toMs)}: ${b.count}`)}</title></rect>`;
    })
    .join('');
  return frame(yAxis(max, (v) => String(Math.round(v))) + rects + xLabels(bars.map((b) => formatLatency(b.fromMs)), x), title);
}
