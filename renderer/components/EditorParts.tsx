import type { ReactNode } from 'react';
import type { FieldError } from '../../src/model/endpoint';
import type { TabDef } from './Tabs';

/*
 * Pieces every definition editor (endpoint, profile) draws the same way: the tab strip with
 * per-tab problem counts, the save failure summary, and the notice shown while the JSON tab holds
 * edits the form cannot draw.
 */

/** Tabs labelled with their name, an optional extra (a count, an "on" dot) and the server's problems on them. */
export function editorTabs<K extends string>(
  order: readonly K[],
  labels: Record<K, string>,
  errors: readonly FieldError[],
  tabForField: (field: string) => K,
  extra: (key: K) => ReactNode,
): TabDef<K>[] {
  const perTab = new Map<K, number>();
  for (const e of errors) perTab.set(tabForField(e.field), (perTab.get(tabForField(e.field)) ?? 0) + 1);
  return order.map((key) => ({
    key,
    label: (
      <>
        {labels[key]}
        {extra(key)}
        {perTab.get(key) ? (
          <span className="tab-errors num" aria-label={`${perTab.get(key)} problems`}>
            ✕ {perTab.get(key)}
          </span>
        ) : null}
      </>
    ),
  }));
}

/** Why the last save failed; each field error jumps to its input. */
export function SaveError({
  title,
  message,
  errors,
  onJump,
  tabLabel,
  testId,
}: {
  title: string;
  message: string | null;
  errors: readonly FieldError[];
  onJump: (field: string) => void;
  /** The tab a field lives on, shown before its path. */
  tabLabel: (field: string) => string;
  testId: string;
}) {
  return (
    <div className="save-error" role="alert" data-testid={testId}>
      <div className="save-error-title">
        <span className="inline-error-icon" aria-hidden="true">
          ✕
        </span>
        <strong>{title}</strong>
        <span>
          {errors.length
            ? `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}; your edits are kept — fix and save again.`
            : `${message ?? 'The save failed.'} Your edits are kept.`}
        </span>
      </div>
      {errors.length ? (
        <ul className="save-error-list">
          {errors.map((e, i) => (
            <li key={i}>
              <button type="button" className="link-button" onClick={() => onJump(e.field)} title="Show this field">
                {tabLabel(e.field)} › <code className="mono">{e.field}</code>
              </button>
              <span>{e.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** In place of a form tab while the JSON tab holds edits the form cannot draw. */
export function JsonBlockedNotice({ problem, onOpenJson, onDiscard }: { problem: string; onOpenJson: () => void; onDiscard: () => void }) {
  return (
    <div className="notice notice-warn" role="note">
      ⚠ The JSON tab holds edits the form cannot show ({problem}).
      <button type="button" className="btn btn-small" onClick={onOpenJson}>
        Open JSON
      </button>
      <button type="button" className="btn btn-small" onClick={onDiscard}>
        Discard the JSON edits
      </button>
    </div>
  );
}
