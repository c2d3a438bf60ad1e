import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The theme's colours as concrete values (canvas cannot read CSS variables); updates with the theme. */
export function useThemeColors(): Record<'text' | 'muted' | 'border' | 'ok' | 'err' | 'warn' | 'accent' | 'pending', string> {
  const read = () => {
    const css = getComputedStyle(document.documentElement);
    const v = (name: string) => css.getPropertyValue(name).trim() || '#888';
    return { text: v('--text'), muted: v('--muted'), border: v('--border'), ok: v('--ok'), err: v('--err'), warn: v('--warn'), accent: v('--accent'), pending: v('--border-strong') };
  };
  const [colors, setColors] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return colors;
}

/**
 * One uPlot chart in a container: created when the options change (theme, series), fed new data
 * without re-creating, resized with the container.
 */
export function useUplot(makeOptions: (width: number) => uPlot.Options, data: uPlot.AlignedData, deps: readonly unknown[]) {
  const container = useRef<HTMLDivElement | null>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const width = Math.max(200, el.clientWidth);
    chart.current = new uPlot(makeOptions(width), latest.current, el);
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (chart.current && Math.abs(chart.current.width - w) > 1) chart.current.setSize({ width: w, height: chart.current.height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return container;
}
