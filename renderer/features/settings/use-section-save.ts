import { useCallback, useState } from 'react';
import { errorMessage } from '../../api/client';
import { fieldErrorsOf } from '../../api/json-request';

export type SaveState = 'idle' | 'saving' | 'saved';

/**
 * One section's save: local checks first (a typo must never reach the API as "no limit"), then
 * the server's field errors mapped back to the fields; anything else is shown once, at the section.
 */
export function useSectionSave() {
  const [state, setState] = useState<SaveState>('idle');
  const [fields, setFields] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const save = useCallback(async (local: Array<[string, string]>, run: () => Promise<void>): Promise<boolean> => {
    setError(null);
    if (local.length > 0) {
      setFields(new Map(local));
      setState('idle');
      return false;
    }
    setState('saving');
    try {
      await run();
      setFields(new Map());
      setState('saved');
      return true;
    } catch (err) {
      const named = fieldErrorsOf(err);
      setFields(new Map(named.map((f) => [f.field, f.message])));
      // Errors tied to a field are shown there; the rest (network, 500) at the section.
      if (named.length === 0 || named.some((f) => f.field === '')) setError(errorMessage(err));
      setState('idle');
      return false;
    }
  }, []);

  /** An edit makes the "Saved" mark stale. */
  const touched = useCallback(() => setState((s) => (s === 'saved' ? 'idle' : s)), []);

  return { state, fields, error, save, touched };
}
