import type { ReactNode } from 'react';

/** Errors stay where they happened, with the way out next to them. */
export function InlineError({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="inline-error" role="alert">
      <span className="inline-error-icon" aria-hidden="true">
        ✕
      </span>
      <div className="inline-error-text">
        <strong>{title}</strong>
        {children ? <div>{children}</div> : null}
      </div>
      {action}
    </div>
  );
}
