import { useState } from 'react';
import { VisibleText } from './VisibleText';

/** Monospace value: one line with an ellipsis and the full text on hover; click to expand. */
export function Value({ text, className = '', empty = '(empty)' }: { text: string; className?: string; empty?: string }) {
  const [open, setOpen] = useState(false);
  if (text === '') return <span className={`value value-empty ${className}`}>{empty}</span>;
  return (
    <span
      className={`value ${open ? 'is-open' : ''} ${className}`}
      title={open ? undefined : text.length > 2000 ? `${text.slice(0, 2000)}…` : text}
      onClick={() => {
        // Selecting text to copy it must not collapse the value again.
        if (!window.getSelection()?.toString()) setOpen((o) => !o);
      }}
    >
      <VisibleText text={text} />
    </span>
  );
}
