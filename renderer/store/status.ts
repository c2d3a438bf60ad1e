import { createStore } from 'zustand/vanilla';
import type { CoreStatus } from '../../src/model/exchange';
import type { StreamState } from '../api/events';

export interface StatusState {
  status: CoreStatus | null;
  stream: StreamState;
  /** The token was rejected: every request will fail until the UI is reopened with a new one. */
  unauthorized: boolean;
  error: string | null;
}

export const statusStore = createStore<StatusState>(() => ({
  status: null,
  stream: 'connecting',
  unauthorized: false,
  error: null,
}));
