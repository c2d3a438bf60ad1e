import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

const MIN_LEFT = 320;
const MIN_RIGHT = 360;
const STEP = 24;

/** Two panes and a draggable (and keyboard-movable) divider; width in px from the caller. */
export function SplitPane({
  left,
  right,
  width,
  defaultWidth,
  onWidth,
}: {
  left: ReactNode;
  right: ReactNode;
  width: number;
  /** Double-clicking the divider returns to this. */
  defaultWidth: number;
  onWidth: (px: number) => void;
}) {
  const rootRef = useRef<HTMLDivElement>(null);
  const clamp = (px: number) => {
    const total = rootRef.current?.clientWidth ?? 1200;
    return Math.max(MIN_LEFT, Math.min(px, total - MIN_RIGHT));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
    const rect = rootRef.current?.getBoundingClientRect();
    if (rect) onWidth(clamp(e.clientX - rect.left));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') onWidth(clamp(width - STEP));
    else if (e.key === 'ArrowRight') onWidth(clamp(width + STEP));
    else return;
    e.preventDefault();
  };

  return (
    <div className="split" ref={rootRef} style={{ gridTemplateColumns: `minmax(${MIN_LEFT}px, ${width}px) 6px minmax(${MIN_RIGHT}px, 1fr)` }}>
      <div className="split-pane split-left">{left}</div>
      <div
        className="split-divider"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize list"
        aria-valuenow={width}
        aria-valuemin={MIN_LEFT}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
        onDoubleClick={() => onWidth(defaultWidth)}
      />
      <div className="split-pane split-right">{right}</div>
    </div>
  );
}
