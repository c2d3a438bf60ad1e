import { useEffect, useState } from 'react';

/** True only after `ms`: loading indicators for fast operations would just flash. */
export function useDelayed(active: boolean, ms = 100): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(t);
  }, [active, ms]);
  return shown && active;
}

export function SkeletonRows({ rows, height }: { rows: number; height: number }) {
  return (
    <div className="skeleton-rows" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-row" style={{ height }}>
          <span className="skeleton-bar" style={{ width: 40 }} />
          <span className="skeleton-bar" style={{ width: 36 }} />
          <span className="skeleton-bar" style={{ width: `${30 + ((i * 37) % 40)}%` }} />
          <span className="skeleton-bar" style={{ width: 32 }} />
        </div>
      ))}
    </div>
  );
}

export function SkeletonBlock({ lines = 6 }: { lines?: number }) {
  return (
    <div className="skeleton-block" aria-busy="true" aria-label="Loading">
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton-bar" style={{ width: `${45 + ((i * 29) % 50)}%` }} />
      ))}
    </div>
  );
}
