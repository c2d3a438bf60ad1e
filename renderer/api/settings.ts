import type { RetentionPolicy, StartupSettings } from '../../src/model/settings';
import { callApi } from './call';

/** Settings saved in the data folder. Refusals are FieldApiErrors naming `receiverPort`, `maxBytes`… */
export const settingsApi = {
  startup: () => callApi('getStartup'),
  saveStartup: (settings: StartupSettings) => callApi('putStartup', { body: settings }),
  retention: () => callApi('getRetention'),
  saveRetention: (policy: RetentionPolicy) => callApi('putRetention', { body: policy }),
  runRetention: () => callApi('runRetention'),
};
