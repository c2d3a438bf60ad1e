import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { exchangesStore } from '../../store/exchanges';

/** Rows that arrived while the user was reading further down; they wait here instead of shifting the list. */
export function NewPill({ onClick }: { onClick: () => void }) {
  const { count, gap } = useStore(exchangesStore, useShallow((s) => ({ count: s.pending.length, gap: s.pendingGap })));
  if (count === 0 && !gap) return null;
  return (
    <button type="button" className="new-pill" onClick={onClick} data-testid="new-pill">
      <Icon name="arrowUp" size={14} />
      {gap ? `${count.toLocaleString('en-US')}+ new` : `${count.toLocaleString('en-US')} new`}
    </button>
  );
}
