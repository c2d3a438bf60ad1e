/**
 * An SSH reverse tunnel as a user describes it (the UI's fields, the CLI's `ssh:user@host[:port]`):
 * checked field by field, so the UI can say which one is wrong. Pure: the renderer validates with
 * it before asking, and the core again before running ssh.
 */
import type { TunnelRequest } from './tunnel-kind.js';

export interface SshTunnelInput {
  /** Empty: ssh's default (the local user name, or the host's entry in ~/.ssh/config). */
  user: string;
  host: string;
  /** The port on the SSH server that forwards to the receiver (`ssh -R <port>:…`); 80 when absent. */
  remotePort?: number | undefined;
  /** Where partners post: the server decides the name, so the user gives it. */
  publicUrl: string;
}

export type SshTunnelField = 'sshUser' | 'sshHost' | 'remotePort' | 'publicUrl';

export interface SshTunnelFieldError {
  field: SshTunnelField;
  message: string;
}

export const DEFAULT_SSH_REMOTE_PORT = 80;

// Nothing ssh could read as an option or a second argument: the destination goes on its command line.
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
const HOST = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

export function sshTunnelErrors(input: SshTunnelInput): SshTunnelFieldError[] {
  const errors: SshTunnelFieldError[] = [];
  const user = input.user.trim();
  const host = input.host.trim();
  if (user !== '' && !USER.test(user)) errors.push({ field: 'sshUser', message: `"${user}" is not a user name ssh accepts here (letters, digits, . _ -; not starting with -)` });
  if (host === '') errors.push({ field: 'sshHost', message: 'the SSH server to forward through is required' });
  else if (!HOST.test(host)) errors.push({ field: 'sshHost', message: `"${host}" is not a host name (letters, digits, . -)` });
  const port = input.remotePort;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) errors.push({ field: 'remotePort', message: 'the remote port is a whole number from 1 to 65535' });
  const url = input.publicUrl.trim();
  if (url === '') errors.push({ field: 'publicUrl', message: 'the public URL the SSH server gives is required (ssh does not print one)' });
  else if (!/^https?:\/\/[^\s/]+/.test(url)) errors.push({ field: 'publicUrl', message: `"${url}" is not an http(s) URL` });
  return errors;
}

/** The tunnel request, or every field that is wrong. */
export function sshTunnelRequest(input: SshTunnelInput): TunnelRequest | { errors: SshTunnelFieldError[] } {
  const errors = sshTunnelErrors(input);
  if (errors.length) return { errors };
  const user = input.user.trim();
  return {
    kind: 'ssh',
    sshDestination: user ? `${user}@${input.host.trim()}` : input.host.trim(),
    remotePort: input.remotePort ?? DEFAULT_SSH_REMOTE_PORT,
    publicUrl: input.publicUrl.trim().replace(/\/+$/, ''),
  };
}
