import { useCallback, useEffect, useState } from 'react';
import type { RetentionStatus, StartupSettingsView } from '../../../src/model/settings';
import { errorMessage } from '../../api/client';
import { settingsApi } from '../../api/settings';

interface Loaded {
  startup: StartupSettingsView;
  retention: RetentionStatus;
}

/** Both saved settings sets, loaded together when Settings opens (each section then keeps its own copy fresh). */
export function useSettingsData() {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [startup, retention] = await Promise.all([settingsApi.startup(), settingsApi.retention()]);
      setData({ startup, retention });
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const setStartup = useCallback((startup: StartupSettingsView) => setData((d) => (d ? { ...d, startup } : d)), []);
  const setRetention = useCallback((retention: RetentionStatus) => setData((d) => (d ? { ...d, retention } : d)), []);
  return { data, error, reload: load, setStartup, setRetention };
}
