import type { FormEvent, ReactNode } from 'react';
import { InlineError } from '../../components/InlineError';
import { FieldErrorsContext } from '../endpoints/fields';
import type { SaveState } from './use-section-save';

interface Props {
  id: string;
  title: string;
  /** One line on when the section's values take effect. */
  note: ReactNode;
  children: ReactNode;
  /** Sections with a save: a form, so Enter in any field saves it. */
  save?: { state: SaveState; fields: Map<string, string>; error: string | null; onSave: () => void; extra?: ReactNode };
}

/** A titled block of Settings with its own Save: one section's errors never block another's. */
export function SettingsSection({ id, title, note, children, save }: Props) {
  const headingId = `settings-${id}-title`;
  const body = (
    <>
      <header className="settings-section-head">
        <h2 id={headingId}>{title}</h2>
        <p className="muted">{note}</p>
      </header>
      <div className="settings-fields">{children}</div>
    </>
  );
  if (!save) {
    return (
      <section className="settings-section" aria-labelledby={headingId} data-testid={`settings-${id}`}>
        {body}
      </section>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.onSave();
  };
  return (
    <form className="settings-section" aria-labelledby={headingId} data-testid={`settings-${id}`} onSubmit={onSubmit} noValidate>
      <FieldErrorsContext.Provider value={save.fields}>{body}</FieldErrorsContext.Provider>
      {save.error ? <InlineError title={`Could not save ${title.toLowerCase()}`}>{save.error}</InlineError> : null}
      <footer className="settings-actions">
        <button type="submit" className="btn btn-accent" disabled={save.state === 'saving'} data-testid={`settings-${id}-save`}>
          Save {title.toLowerCase()}
        </button>
        <span className="settings-saved" aria-live="polite" data-testid={`settings-${id}-saved`}>
          {save.state === 'saved' ? '✓ Saved' : ''}
        </span>
        {save.extra}
      </footer>
    </form>
  );
}
