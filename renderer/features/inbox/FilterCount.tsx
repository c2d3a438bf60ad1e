import { useStore } from 'zustand';
import { exchangesStore } from '../../store/exchanges';

/** "123 matching": the server's count of the whole filtered result, not just the loaded pages. */
export function FilterCount() {
  const total = useStore(exchangesStore, (s) => s.total);
  const capped = useStore(exchangesStore, (s) => s.totalCapped);
  const loading = useStore(exchangesStore, (s) => s.phase === 'loading');
  if (total === null || loading) return null;
  return (
    <span className="filter-count" data-testid="filter-count" aria-live="polite">
      {total.toLocaleString('en-US')}
      {capped ? '+' : ''} matching
    </span>
  );
}
