import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { environmentsStore, openEnvironments, selectEnvironment } from '../../store/environments';
import { ErrorNote } from '../../components/ErrorNote';

/**
 * The Composer's environment: `{{name}}` in the URL, headers and body is replaced from it on the
 * server before macros and signing, for preview, send and bulk alike. Remembered in the data folder.
 */
export function EnvironmentPicker() {
  const { items, activeId, error } = useStore(environmentsStore, useShallow((s) => ({ items: s.items, activeId: s.activeId, error: s.error })));
  return (
    <span className="environment-pick">
      <select
        value={activeId === null ? '' : String(activeId)}
        onChange={(e) => void selectEnvironment(e.target.value === '' ? null : Number(e.target.value))}
        data-testid="environment-select"
        aria-label="Environment"
        title="Environment: {{name}} in the template is replaced from its variables"
        className={activeId !== null ? 'is-active' : ''}
      >
        <option value="">No environment</option>
        {items.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-small" onClick={() => openEnvironments()} data-testid="environments-manage" title="Create and edit environments and their variables">
        Variables
      </button>
      <ErrorNote error={error} />
    </span>
  );
}
