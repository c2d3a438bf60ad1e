import type { ComponentType } from 'react';
import { Endpoints } from '../endpoints/Endpoints';
import { Inbox } from '../inbox/Inbox';
import type { View } from '../../store/settings';

/**
 * Which component renders each rail entry. Each feature adds its own line here; entries not
 * listed show the calm "coming soon" placeholder.
 */
export const VIEW_COMPONENTS: Partial<Record<View, ComponentType>> = {
  inbox: Inbox,
  endpoints: Endpoints,
};
