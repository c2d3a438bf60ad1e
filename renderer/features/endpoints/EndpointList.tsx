import { memo, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Endpoint } from '../../../src/model/endpoint';
import { InlineError } from '../../components/InlineError';
import { SkeletonRows, useDelayed } from '../../components/Skeleton';
import { endpointsStore, isDirty, loadEndpoints, moveEndpoint, selectEndpoint, toggleEnabled } from '../../store/endpoints';
import type { EndpointHitCount } from '../../../src/model/endpoint';
import { EpIcon } from './EpIcon';
import { useEndpointHits } from './use-endpoint-hits';

export const ROW_HEIGHT = 52;

export function EndpointList() {
  const { items, phase, error, selected, listError, hasNew } = useStore(
    endpointsStore,
    useShallow((s) => ({
      items: s.items,
      phase: s.phase,
      error: s.error,
      selected: s.selected,
      listError: s.listError,
      hasNew: s.drafts['new'] !== undefined,
    })),
  );
  const newName = useStore(endpointsStore, (s) => s.drafts['new']?.value.name ?? null);
  const dirtyIds = useStore(
    endpointsStore,
    useShallow((s) => s.items.filter((e) => isDirty(e.id, s)).map((e) => e.id)),
  );
  const showSkeleton = useDelayed(phase === 'loading' && items.length === 0);
  const [drag, setDrag] = useState<{ id: number; over: number | null } | null>(null);
  const hits = useEndpointHits();

  if (phase === 'error' && items.length === 0) {
    return (
      <InlineError
        title="Could not load endpoints"
        action={
          <button type="button" className="btn" onClick={() => void loadEndpoints()}>
            Retry
          </button>
        }
      >
        {error}
      </InlineError>
    );
  }
  if ((phase === 'loading' || phase === 'idle') && items.length === 0) return showSkeleton ? <SkeletonRows rows={4} height={ROW_HEIGHT} /> : null;

  /** Index the dragged row would land at, from the pointer's half of the row under it. */
  const overIndex = (e: DragEvent<HTMLElement>, index: number) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return e.clientY < rect.top + rect.height / 2 ? index : index + 1;
  };
  const onDrop = () => {
    if (!drag || drag.over === null) return setDrag(null);
    const from = items.findIndex((x) => x.id === drag.id);
    // Dropping below itself: removing the row first shifts the target up by one.
    const to = drag.over > from ? drag.over - 1 : drag.over;
    setDrag(null);
    if (to !== from) void moveEndpoint(drag.id, to);
  };

  return (
    <div className="ep-list-wrap">
      {listError ? (
        <div className="notice notice-error" role="alert">
          ✕ {listError}
        </div>
      ) : null}
      <ol className="ep-list" aria-label="Endpoints in match order" data-testid="endpoint-list" onDragLeave={(e) => e.currentTarget === e.target && setDrag((d) => (d ? { ...d, over: null } : d))}>
        {items.map((item, i) => (
          <EndpointRow
            key={item.id}
            item={item}
            index={i}
            count={items.length}
            selected={selected === item.id}
            dirty={dirtyIds.includes(item.id)}
            hits={hits.get(item.id)}
            dropBefore={drag !== null && drag.over === i && drag.id !== item.id}
            dropAfter={drag !== null && drag.over === i + 1 && i === items.length - 1}
            dragging={drag?.id === item.id}
            onDragStart={() => setDrag({ id: item.id, over: null })}
            onDragOver={(e) => {
              if (!drag) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              const over = overIndex(e, i);
              if (over !== drag.over) setDrag({ ...drag, over });
            }}
            onDrop={(e) => {
              e.preventDefault();
              onDrop();
            }}
            onDragEnd={() => setDrag(null)}
          />
        ))}
        {hasNew ? (
          <li className={`ep-row is-new ${selected === 'new' ? 'is-selected' : ''}`} data-testid="endpoint-row-new">
            <span className="ep-grip" aria-hidden="true" />
            <span />
            <button type="button" className="ep-select" onClick={() => selectEndpoint('new')} aria-current={selected === 'new' ? 'true' : undefined}>
              <span className="ep-line1">
                <span className="ep-name">{newName || 'New endpoint'}</span>
                <span className="badge badge-unsaved">not saved</span>
              </span>
              <span className="ep-line2 muted small">Save (Ctrl+S) to create it</span>
            </button>
          </li>
        ) : null}
      </ol>
      {items.length === 0 && !hasNew ? (
        <p className="muted pad small">No endpoints yet. Every request answers 200 OK and is captured.</p>
      ) : (
        <p className="ep-list-foot muted small">
          Matched top to bottom: the first enabled endpoint whose method and path fit answers. Drag <EpIcon name="grip" size={12} /> or use the arrows to reorder.
        </p>
      )}
    </div>
  );
}

const EndpointRow = memo(function EndpointRow({
  item,
  index,
  count,
  selected,
  dirty,
  hits,
  dropBefore,
  dropAfter,
  dragging,
  onDragStart,
  onDragOver,
  onDrop,
  onDragEnd,
}: {
  item: Endpoint;
  index: number;
  count: number;
  selected: boolean;
  dirty: boolean;
  hits: EndpointHitCount | undefined;
  dropBefore: boolean;
  dropAfter: boolean;
  dragging: boolean;
  onDragStart: () => void;
  onDragOver: (e: DragEvent<HTMLLIElement>) => void;
  onDrop: (e: DragEvent<HTMLLIElement>) => void;
  onDragEnd: () => void;
}) {
  const ruleCount = item.rules.length;
  return (
    <li
      className={`ep-row ${selected ? 'is-selected' : ''} ${item.enabled ? '' : 'is-off'} ${dragging ? 'is-dragging' : ''} ${dropBefore ? 'drop-before' : ''} ${dropAfter ? 'drop-after' : ''}`}
      data-testid="endpoint-row"
      data-endpoint-id={item.id}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', String(item.id));
        onDragStart();
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDragEnd={onDragEnd}
    >
      <span className="ep-grip" title="Drag to reorder" aria-hidden="true">
        <EpIcon name="grip" size={14} />
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={item.enabled}
        className={`switch ${item.enabled ? 'is-on' : ''}`}
        onClick={() => void toggleEnabled(item.id)}
        title={item.enabled ? 'Enabled: click to disable' : 'Disabled: click to enable'}
        aria-label={`${item.name} enabled`}
        data-testid="endpoint-enabled"
      >
        <span className="switch-knob" aria-hidden="true" />
        <span className="switch-text">{item.enabled ? 'on' : 'off'}</span>
      </button>
      <button
        type="button"
        className="ep-select"
        onClick={() => selectEndpoint(item.id)}
        aria-current={selected ? 'true' : undefined}
        data-testid="endpoint-select"
      >
        <span className="ep-line1">
          <span className="ep-name" title={item.name}>
            {item.name}
          </span>
          {dirty ? (
            <span className="badge badge-unsaved" title="Unsaved changes">
              unsaved
            </span>
          ) : null}
          {item.preset ? (
            <span className="badge badge-preset" title={`Added from the ${item.preset} preset`}>
              {item.preset}
            </span>
          ) : null}
        </span>
        <span className="ep-line2">
          <span className="ep-methods">
            {item.methods.length === 0 ? (
              <span className="method muted">ANY</span>
            ) : (
              item.methods.map((m) => (
                <span key={m} className={`method method-${m.toLowerCase()}`}>
                  {m.toUpperCase()}
                </span>
              ))
            )}
          </span>
          <code className="ep-path mono" title={item.path}>
            {item.path}
          </code>
          <span className="ep-rules muted num">
            {ruleCount} {ruleCount === 1 ? 'rule' : 'rules'}
          </span>
          {hits ? <HitCount hits={hits} /> : null}
        </span>
      </button>
      <span className="ep-move">
        <button
          type="button"
          className="btn btn-icon btn-quiet"
          disabled={index === 0}
          onClick={() => void moveEndpoint(item.id, index - 1)}
          aria-label={`Move ${item.name} up`}
          title="Move up (matched earlier)"
          data-testid="endpoint-up"
        >
          <EpIcon name="up" />
        </button>
        <button
          type="button"
          className="btn btn-icon btn-quiet"
          disabled={index === count - 1}
          onClick={() => void moveEndpoint(item.id, index + 1)}
          aria-label={`Move ${item.name} down`}
          title="Move down (matched later)"
          data-testid="endpoint-down"
        >
          <EpIcon name="down" />
        </button>
      </span>
    </li>
  );
});

/** Mockoon-style per-route counter: captures since start or the last "Reset counters". */
function HitCount({ hits }: { hits: EndpointHitCount }) {
  const since = new Date(hits.since).toLocaleTimeString();
  return (
    <span
      className="ep-hits muted num"
      data-testid="endpoint-hits"
      title={`${hits.recent} captured since ${since} (start or last “Reset counters”); ${hits.total} stored in all`}
    >
      {hits.recent} {hits.recent === 1 ? 'hit' : 'hits'}
    </span>
  );
}
