import Type from 'typebox';
import type { RetentionPolicy, RetentionStatus, StartupSettings, StartupSettingsView } from '../../../model/settings.js';
import { defineRoutes, typed } from '../route.js';

const tags = ['settings'];

export const settingsRoutes = defineRoutes({
  getRetention: {
    method: 'GET',
    path: '/api/settings/retention',
    description: 'The retention policy (max age in days, max store bytes) and what it did',
    tags,
    status: 200,
    response: typed<RetentionStatus>('The policy, the store size and what the policy deleted since this start'),
  },
  putRetention: {
    method: 'PUT',
    path: '/api/settings/retention',
    description: 'Set the retention policy: {maxAgeDays, maxBytes}, null for no limit. Saved and applied at once; pinned baselines and unsent postbacks are never deleted. 400 with error.fields on bad values',
    tags,
    input: typed<RetentionPolicy>('{maxAgeDays: number | null, maxBytes: number | null}'),
    status: 200,
    response: typed<RetentionStatus>('The new policy and the store after applying it'),
  },
  runRetention: {
    method: 'POST',
    path: '/api/settings/retention/run',
    description: 'Apply the retention policy now; answers how many exchanges it deleted',
    tags,
    status: 200,
    response: Type.Object({ deleted: Type.Integer() }),
  },
  getStartup: {
    method: 'GET',
    path: '/api/settings/startup',
    description: 'Saved startup settings (receiver port, bind address, body limit) next to what this launch runs with and where each came from (flag, saved, default)',
    tags,
    status: 200,
    response: typed<StartupSettingsView>('Saved, default and running values with their sources'),
  },
  putStartup: {
    method: 'PUT',
    path: '/api/settings/startup',
    description: 'Save {receiverPort, bind, maxBodyBytes} for the next start; null or absent = the built-in default; a flag given at start still wins. 400 with error.fields on bad values',
    tags,
    input: typed<StartupSettings>('{receiverPort, bind, maxBodyBytes}, each nullable'),
    status: 200,
    response: typed<StartupSettingsView>('What is saved now, beside what runs'),
  },
});
