/**
 * Which category labels a bar chart's x axis can show without overlapping: every k-th, with k
 * chosen from the plot width and the longest label. A fixed "about 8 labels" overlapped as soon
 * as the chart was narrower than ~8 labels wide (the receiver histogram beside the sender one).
 */

/** Rough width of one character of uPlot's default 12px axis font, plus a gap between labels. */
export const CHAR_PX = 7;
export const GAP_PX = 14;

export function labelStride(count: number, plotWidthPx: number, longestLabel: number): number {
  if (count <= 1) return 1;
  const slot = longestLabel * CHAR_PX + GAP_PX;
  const fit = Math.max(1, Math.floor(plotWidthPx / slot));
  return Math.max(1, Math.ceil(count / fit));
}

/** Indices 0, k, 2k… of the labels to draw. */
export function labelTicks(labels: readonly string[], plotWidthPx: number): number[] {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  const k = labelStride(labels.length, plotWidthPx, longest);
  return labels.map((_, i) => i).filter((i) => i % k === 0);
}
