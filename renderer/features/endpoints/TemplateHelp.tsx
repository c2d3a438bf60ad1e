import { useState } from 'react';

/** The placeholders src/endpoints/template.ts understands, with an example each. */
export const PLACEHOLDERS: ReadonlyArray<readonly [string, string]> = [
  ['{{query.click_id}}', 'query param'],
  ['{{header.x-request-id}}', 'request header'],
  ['{{json.user.id}}', 'JSON body field, dotted path'],
  ['{{form.status}}', 'form field'],
  ['{{path.partner}}', 'path param from :partner'],
  ['{{method}}', 'request method'],
  ['{{url}}', 'request target as sent'],
  ['{{body}}', 'request body as text'],
  ['{{requestNumber}}', 'n-th request to this endpoint'],
  ['{{now}}', 'unix seconds'],
  ['{{nowMs}}', 'unix milliseconds'],
  ['{{iso}}', 'ISO-8601 time'],
  ['{{uuid}}', 'random UUID'],
];

/**
 * A short cheat-sheet beside a template editor. Clicking a placeholder inserts it at the cursor
 * of `target` (when given), so the common ones never have to be typed.
 */
export function TemplateHelp({
  target,
  onInsert,
  testId,
}: {
  target: () => HTMLTextAreaElement | HTMLInputElement | null;
  onInsert: (next: string) => void;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const insert = (token: string) => {
    const el = target();
    if (!el) return;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    onInsert(el.value.slice(0, start) + token + el.value.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const shown = open ? PLACEHOLDERS : PLACEHOLDERS.filter(([t]) => COMPACT.has(t));
  return (
    <div className={`template-help ${open ? 'is-open' : ''}`} data-testid={testId}>
      <span className="template-help-label muted">Insert</span>
      <ul className="placeholder-list" aria-label="Template placeholders: click to insert at the cursor">
        {shown.map(([token, what]) => (
          <li key={token}>
            <button type="button" className="placeholder" onClick={() => insert(token)} title={`${what}: insert ${token}`}>
              <code className="mono">{token}</code>
            </button>
            {open ? <span className="muted small">{what}</span> : null}
          </li>
        ))}
      </ul>
      <button type="button" className="link-button template-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'fewer' : `all ${PLACEHOLDERS.length}…`}
      </button>
    </div>
  );
}

const COMPACT = new Set(['{{query.click_id}}', '{{header.x-request-id}}', '{{json.user.id}}', '{{form.status}}', '{{uuid}}', '{{iso}}']);
