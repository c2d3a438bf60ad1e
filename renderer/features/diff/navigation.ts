/**
 * n / p: jump between the differences the Diff view shows (rows marked `data-diff-stop`). The
 * current one carries `data-current`; React does not own that attribute, so re-renders keep it.
 */

let root: HTMLElement | null = null;
let listener: ((index: number, total: number) => void) | null = null;

export function registerDiffRoot(el: HTMLElement | null, onMove: ((index: number, total: number) => void) | null): void {
  root = el;
  listener = onMove;
}

export function diffStops(): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>('[data-diff-stop]')) : [];
}

export function currentStop(stops: HTMLElement[] = diffStops()): number {
  return stops.findIndex((el) => el.hasAttribute('data-current'));
}

/** Moves to the next (+1) or previous (-1) difference, wrapping around; false when there is none. */
export function jumpDifference(delta: 1 | -1): boolean {
  const stops = diffStops();
  if (stops.length === 0) return false;
  const at = currentStop(stops);
  const next = at === -1 ? (delta > 0 ? 0 : stops.length - 1) : (at + delta + stops.length) % stops.length;
  stops[at]?.removeAttribute('data-current');
  const el = stops[next]!;
  el.setAttribute('data-current', 'true');
  if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center', behavior: 'auto' });
  listener?.(next, stops.length);
  return true;
}
