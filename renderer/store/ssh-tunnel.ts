import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * The SSH reverse tunnel the header's tunnel control starts: the server and port are the user's
 * own, so they are kept (this browser) for the next start. No secret is here: ssh runs with
 * BatchMode and the user's keys.
 */
export interface SshTunnelDraft {
  user: string;
  host: string;
  /** Undefined: empty field (ssh's port 80); NaN: not a number (refused at the field). */
  remotePort: number | undefined;
  publicUrl: string;
}

export const sshTunnelStore = createStore<SshTunnelDraft>()(
  persist(() => ({ user: '', host: '', remotePort: undefined as number | undefined, publicUrl: '' }), {
    name: 'postback-inspector.ssh-tunnel',
    storage: createJSONStorage(() => localStorage),
    version: 1,
  }),
);

export function editSshTunnel(patch: Partial<SshTunnelDraft>): void {
  sshTunnelStore.setState(patch);
}
