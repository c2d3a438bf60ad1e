import type { RetentionPolicy, RetentionStatus, StartupSettings, StartupSettingsView } from '../../src/model/settings';
import { requestJson, send } from './json-request';

/** Settings saved in the data folder. Refusals are FieldApiErrors naming `receiverPort`, `maxBytes`… */
export const settingsApi = {
  startup: () => requestJson<StartupSettingsView>('/api/settings/startup'),
  saveStartup: (settings: StartupSettings) => requestJson<StartupSettingsView>('/api/settings/startup', send('PUT', settings)),
  retention: () => requestJson<RetentionStatus>('/api/settings/retention'),
  saveRetention: (policy: RetentionPolicy) => requestJson<RetentionStatus>('/api/settings/retention', send('PUT', policy)),
  runRetention: () => requestJson<{ deleted: number }>('/api/settings/retention/run', { method: 'POST' }),
};
