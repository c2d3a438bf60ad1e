import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { InlineError } from '../../components/InlineError';
import { SkeletonRows, useDelayed } from '../../components/Skeleton';
import { columnsStore } from '../../store/columns';
import { exchangesStore } from '../../store/exchanges';
import { filtersStore, hasFilters } from '../../store/filters';
import { openSelected, select, selectionStore } from '../../store/selection';
import { gridTemplate, visibleColumns } from './columns';
import { EmptyState } from './EmptyState';
import { ExchangeRow, ROW_HEIGHT } from './ExchangeRow';
import { registerScroller } from './list-actions';
import { ListHeader } from './ListHeader';
import { NewPill } from './NewPill';
import { loadOlder, reload, retryOlder, setFollowing, showPending } from './sync';

/** Start fetching the next older page this many rows before the end. */
const PREFETCH_ROWS = 40;

export function ExchangeList() {
  const { items, phase, error, older, next } = useStore(
    exchangesStore,
    useShallow((s) => ({ items: s.items, phase: s.phase, error: s.error, older: s.older, next: s.next })),
  );
  const filtered = useStore(filtersStore, (s) => hasFilters(s));
  const clearFilters = useStore(filtersStore, (s) => s.clear);
  const selectedId = useStore(selectionStore, (s) => s.selectedId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const showSkeleton = useDelayed(phase === 'loading');
  const { hidden, widths, timeMode } = useStore(
    columnsStore,
    useShallow((s) => ({ hidden: s.hidden, widths: s.widths, timeMode: s.timeMode })),
  );
  // Stable while the chooser is untouched, so memoised rows do not re-render on a resize.
  const columns = useMemo(() => visibleColumns(hidden), [hidden]);
  const wrapStyle = useMemo(() => ({ '--list-columns': gridTemplate(columns, { widths, timeMode }) }) as CSSProperties, [columns, widths, timeMode]);

  const footer = next !== null || older === 'error';
  const virtualizer = useVirtualizer({
    count: items.length + (footer ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => items[i]?.id ?? 'footer',
  });

  useEffect(
    () =>
      registerScroller((index) => {
        virtualizer.scrollToIndex(index, { align: 'auto' });
      }),
    [virtualizer],
  );

  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows[virtualRows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (next !== null && older === 'idle' && lastIndex >= items.length - PREFETCH_ROWS) void loadOlder();
  }, [lastIndex, items.length, next, older]);

  const onScroll = useCallback(() => {
    const atTop = (scrollRef.current?.scrollTop ?? 0) < ROW_HEIGHT / 2;
    setFollowing(atTop);
    if (atTop) showPending();
  }, []);

  const onOpen = useCallback((id: number) => {
    select(id);
    openSelected();
  }, []);

  const jumpToTop = useCallback(() => {
    showPending();
    scrollRef.current?.scrollTo({ top: 0 });
    setFollowing(true);
  }, []);

  let body;
  if (phase === 'error') {
    body = (
      <InlineError
        title="Could not load postbacks"
        action={
          <button type="button" className="btn" onClick={() => void reload()}>
            Retry
          </button>
        }
      >
        {error}
      </InlineError>
    );
  } else if (phase === 'loading') {
    body = showSkeleton ? <SkeletonRows rows={12} height={ROW_HEIGHT} /> : null;
  } else if (items.length === 0) {
    body = filtered ? (
      <div className="empty-state empty-filtered">
        <p>No postbacks match these filters.</p>
        <button type="button" className="btn" onClick={clearFilters}>
          Clear filters
        </button>
      </div>
    ) : (
      <EmptyState />
    );
  }

  return (
    <div className="list-wrap" style={wrapStyle}>
      <ListHeader columns={columns} timeMode={timeMode} />
      <NewPill onClick={jumpToTop} />
      {body ?? (
        <div
          className="list-scroll"
          ref={scrollRef}
          onScroll={onScroll}
          role="listbox"
          aria-label="Captured postbacks"
          aria-multiselectable="true"
          aria-activedescendant={selectedId !== null ? `exchange-row-${selectedId}` : undefined}
          tabIndex={0}
          data-testid="exchange-list"
        >
          <div className="list-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualRows.map((v) => {
              const row = items[v.index];
              if (!row) {
                return (
                  <div key="footer" className="list-footer" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                    {older === 'error' ? (
                      <button type="button" className="btn btn-small" onClick={retryOlder}>
                        Loading older postbacks failed. Retry
                      </button>
                    ) : (
                      <span className="skeleton-bar" style={{ width: '40%' }} />
                    )}
                  </div>
                );
              }
              return (
                <ExchangeRow
                  key={row.id}
                  row={row}
                  top={v.start}
                  selected={row.id === selectedId}
                  columns={columns}
                  timeMode={timeMode}
                  onSelect={select}
                  onOpen={onOpen}
                />
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
