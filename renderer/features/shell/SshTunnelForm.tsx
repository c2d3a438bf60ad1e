import { useState, type FormEvent, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { TunnelStatus } from '../../../src/model/tunnel';
import { DEFAULT_SSH_REMOTE_PORT, sshTunnelErrors } from '../../../src/tunnel/ssh-tunnel-input';
import { errorMessage } from '../../api/client';
import { FieldApiError } from '../../api/http';
import { tunnelApi } from '../../api/tunnel';
import { useDismiss } from '../../components/use-dismiss';
import { editSshTunnel, sshTunnelStore } from '../../store/ssh-tunnel';
import { FieldErrorsContext, NumberInput, TextInput } from '../endpoints/fields';

/**
 * The SSH reverse tunnel's own server: user, host, the remote port it forwards and the public URL
 * it gives (ssh prints none). Checked here with the core's own rules (src/tunnel/ssh-tunnel-input.ts)
 * before asking, and the core's refusals land under the same fields.
 */
export function SshTunnelForm({ anchor, onStarted, onClose }: { anchor: RefObject<HTMLElement | null>; onStarted: (status: TunnelStatus) => void; onClose: () => void }) {
  const draft = useStore(sshTunnelStore);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  // The whole tunnel control is the anchor: a press on its own toggle is not "outside".
  useDismiss(anchor, true, onClose);

  const local = sshTunnelErrors({ user: draft.user, host: draft.host, remotePort: draft.remotePort, publicUrl: draft.publicUrl });
  // Before the first Start, only what is typed and wrong shows: an empty form is not an error yet.
  const typed = (field: string) => ({ sshUser: draft.user, sshHost: draft.host, remotePort: draft.remotePort === undefined ? '' : 'x', publicUrl: draft.publicUrl })[field] !== '';
  const shown = new Map(serverErrors);
  for (const e of local) if (tried || typed(e.field)) shown.set(e.field, e.message);

  const edit = (patch: Parameters<typeof editSshTunnel>[0]) => {
    editSshTunnel(patch);
    setServerErrors(new Map());
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (local.length > 0 || busy) return;
    setBusy(true);
    try {
      const status = await tunnelApi.startSsh({
        sshUser: draft.user,
        sshHost: draft.host,
        ...(draft.remotePort === undefined ? {} : { remotePort: draft.remotePort }),
        publicUrl: draft.publicUrl,
      });
      onStarted(status);
    } catch (err) {
      if (err instanceof FieldApiError && err.fields.length) setServerErrors(new Map(err.fields.map((f) => [f.field, f.message])));
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="popover ssh-tunnel-popover" role="dialog" aria-label="SSH reverse tunnel" data-testid="ssh-tunnel-form" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted small">
        Runs <code className="mono">ssh -N -R &lt;remote port&gt;:receiver …</code> with your keys (no password prompt): partners post to the server’s public URL, which reaches the receiver only.
      </p>
      <FieldErrorsContext.Provider value={shown}>
        <label className="ssh-field">
          <span>User</span>
          <TextInput field="sshUser" label="SSH user (empty: your ssh default)" value={draft.user} placeholder="deploy" mono testId="ssh-user" onChange={(v) => edit({ user: v })} />
        </label>
        <label className="ssh-field">
          <span>Host</span>
          <TextInput field="sshHost" label="SSH server" value={draft.host} placeholder="tunnel.example.com" mono testId="ssh-host" onChange={(v) => edit({ host: v })} />
        </label>
        <label className="ssh-field">
          <span>Remote port</span>
          <NumberInput
            field="remotePort"
            label={`Port on the server that forwards to the receiver (empty: ${DEFAULT_SSH_REMOTE_PORT})`}
            value={draft.remotePort}
            integer
            placeholder={String(DEFAULT_SSH_REMOTE_PORT)}
            testId="ssh-remote-port"
            onChange={(v) => edit({ remotePort: v })}
          />
        </label>
        <label className="ssh-field">
          <span>Public URL</span>
          <TextInput field="publicUrl" label="Public URL the server gives" value={draft.publicUrl} placeholder="https://pb.example.com" mono testId="ssh-public-url" onChange={(v) => edit({ publicUrl: v })} />
        </label>
      </FieldErrorsContext.Provider>
      {error ? (
        <p className="text-error small" role="alert" data-testid="ssh-tunnel-error">
          ✕ {error}
        </p>
      ) : null}
      <div className="popover-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-accent" disabled={busy} data-testid="ssh-tunnel-start">
          {busy ? 'Starting…' : 'Start SSH tunnel'}
        </button>
      </div>
    </form>
  );
}
