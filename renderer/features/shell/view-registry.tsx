import type { ComponentType } from 'react';
import { DiffView } from '../diff/DiffView';
import { Composer } from '../composer/Composer';
import { Endpoints } from '../endpoints/Endpoints';
import { Inbox } from '../inbox/Inbox';
import { Metrics } from '../metrics/Metrics';
import { Outbox } from '../outbox/Outbox';
import { Profiles } from '../profiles/Profiles';
import { Scenarios } from '../scenarios/Scenarios';
import { Settings } from '../settings/Settings';
import type { View } from '../../store/settings';

/**
 * Which component renders each rail entry. Each feature adds its own line here; entries not
 * listed show the calm "coming soon" placeholder.
 */
export const VIEW_COMPONENTS: Partial<Record<View, ComponentType>> = {
  inbox: Inbox,
  composer: Composer,
  outbox: Outbox,
  endpoints: Endpoints,
  profiles: Profiles,
  diff: DiffView,
  metrics: Metrics,
  scenarios: Scenarios,
  settings: Settings,
};
