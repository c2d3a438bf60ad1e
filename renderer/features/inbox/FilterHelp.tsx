import { useCallback, useRef, useState } from 'react';
import { FIELDS, SYNTAX_NOTES } from '../../../src/shared/filter-fields';
import { useDismiss } from '../../components/use-dismiss';

/**
 * The `?` next to the search box: the whole filter syntax with examples, from the same table the
 * parser checks against (src/shared/filter-fields.ts). Clicking an example adds it to the filter.
 */
const WIDTH = 620;

export function FilterHelp({ onExample }: { onExample: (example: string) => void }) {
  // Fixed to the viewport at the button: the list pane clips whatever overflows it.
  const [open, setOpen] = useState<{ top: number; left: number; width: number } | null>(null);
  const anchor = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(null), []);
  useDismiss(anchor, open !== null, close);

  const example = (text: string) => (
    <button
      key={text}
      type="button"
      className="filter-help-example mono"
      title="Add to the filter"
      onClick={() => {
        onExample(text);
        setOpen(null);
      }}
    >
      {text}
    </button>
  );

  return (
    <div className="popover-anchor" ref={anchor}>
      <button
        type="button"
        className="btn filter-help-button"
        onClick={(e) => {
          if (open) return setOpen(null);
          const rect = e.currentTarget.getBoundingClientRect();
          const width = Math.min(WIDTH, window.innerWidth - 16);
          setOpen({ top: rect.bottom + 6, left: Math.max(8, Math.min(rect.left, window.innerWidth - width - 8)), width });
        }}
        aria-expanded={open !== null}
        aria-label="Filter syntax help"
        title="Filter syntax"
        data-testid="filter-help-open"
      >
        ?
      </button>
      {open ? (
        <div
          className="popover filter-help"
          role="dialog"
          aria-label="Filter syntax"
          data-testid="filter-help"
          style={{ position: 'fixed', top: open.top, left: open.left, width: open.width, maxHeight: `calc(100vh - ${open.top + 16}px)` }}
        >
          <p className="filter-help-intro">Terms separated by spaces must all match. Click an example to add it.</p>
          <table>
            <tbody>
              {SYNTAX_NOTES.map((note) => (
                <tr key={note.example}>
                  <td>{example(note.example)}</td>
                  <td>{note.summary}</td>
                </tr>
              ))}
              {FIELDS.map((field) => (
                <tr key={field.name}>
                  <td>{field.examples.map(example)}</td>
                  <td>{field.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
