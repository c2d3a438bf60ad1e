import type { IconName } from '../../components/Icon';
import type { View } from '../../store/settings';

export interface ViewDef {
  key: View;
  label: string;
  icon: IconName;
  /** Digit shortcut, shown in the rail. */
  shortcut: string;
  /** What the view will do: the placeholder says so instead of an empty page. */
  purpose: string;
}

export const VIEWS: readonly ViewDef[] = [
  { key: 'inbox', label: 'Inbox', icon: 'inbox', shortcut: '1', purpose: 'Every captured postback, live.' },
  { key: 'composer', label: 'Composer', icon: 'composer', shortcut: '2', purpose: 'Craft a postback from a template with macros, sign it and send it.' },
  { key: 'outbox', label: 'Outbox', icon: 'outbox', shortcut: '3', purpose: 'Postbacks you sent, with every delivery attempt and retry.' },
  { key: 'endpoints', label: 'Endpoints', icon: 'endpoints', shortcut: '4', purpose: 'Mock partner routes and the responses they answer with.' },
  { key: 'profiles', label: 'Profiles', icon: 'profiles', shortcut: '5', purpose: 'Partners: their parameter spec, signature scheme and macro dialect.' },
  { key: 'diff', label: 'Diff', icon: 'diff', shortcut: '6', purpose: 'Compare two postbacks: query, headers and body side by side.' },
  { key: 'metrics', label: 'Metrics', icon: 'metrics', shortcut: '7', purpose: 'Delivery rate, response time percentiles and accuracy rate.' },
  { key: 'settings', label: 'Settings', icon: 'settings', shortcut: '8', purpose: 'Ports, bind address, body limit, retention, data folder and theme.' },
  // Last, after Settings: its shortcut 9 was the free one, and the rail reads 1…9 in order.
  { key: 'scenarios', label: 'Scenarios', icon: 'check', shortcut: '9', purpose: 'Run a test plan: mock partners, fire conversions, check the postbacks that arrive.' },
];
