import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<K extends string> {
  key: K;
  label: ReactNode;
}

/** WAI-ARIA tabs: arrow keys move between tabs, Home/End jump. */
export function Tabs<K extends string>({
  tabs,
  active,
  onChange,
  idPrefix,
}: {
  tabs: ReadonlyArray<TabDef<K>>;
  active: K;
  onChange: (key: K) => void;
  idPrefix: string;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.key === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    const tab = tabs[next];
    if (!tab) return;
    e.preventDefault();
    onChange(tab.key);
    listRef.current?.querySelector<HTMLElement>(`#${idPrefix}-tab-${tab.key}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" ref={listRef} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.key}
          id={`${idPrefix}-tab-${t.key}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={t.key === active}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={t.key === active ? 0 : -1}
          onClick={() => onChange(t.key)}
          data-testid={`tab-${t.key}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
