/**
 * What the header's tunnel control shows and does for a tunnel status: pure, so its rules (which
 * action a click takes, when it is disabled, which message explains a failure) are unit-tested
 * without a browser.
 */
import type { TunnelStatus } from '../../../src/model/tunnel.js';

export interface TunnelControlView {
  /** What a click does; null while a start is in progress (the core answers once the URL is known). */
  action: 'start' | 'stop' | null;
  label: string;
  title: string;
  /** Whether the client choice can be changed (not while a tunnel runs or starts). */
  canChooseKind: boolean;
  /** The reason shown beside the button: the request's refusal first, else the tunnel's own error. */
  message: string | null;
}

export function tunnelControlView(status: TunnelStatus | null | undefined, busy: boolean, requestError: string | null): TunnelControlView {
  const state = status?.state ?? 'stopped';
  const message = requestError ?? (state === 'failed' ? status?.error ?? 'The tunnel client stopped.' : null);
  if (busy || state === 'starting') {
    return { action: null, label: state === 'running' ? 'Stopping tunnel…' : 'Starting tunnel…', title: 'Waiting for the tunnel client', canChooseKind: false, message };
  }
  if (state === 'running') {
    return { action: 'stop', label: 'Stop tunnel', title: `Stop the ${status?.kind ?? 'tunnel'} client: partners on the internet can no longer reach the receiver`, canChooseKind: false, message };
  }
  return {
    action: 'start',
    label: 'Start tunnel',
    // The control API never goes through it: only the receiver port is exposed.
    title: 'Give the receiver a public https URL for real partners (the UI and control API stay on this machine)',
    canChooseKind: true,
    message,
  };
}
