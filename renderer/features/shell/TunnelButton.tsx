import { useRef, useState } from 'react';
import type { TunnelStatus } from '../../../src/model/tunnel';
import { errorMessage } from '../../api/client';
import { tunnelApi, type UiTunnelKind } from '../../api/tunnel';
import { statusStore } from '../../store/status';
import { SshTunnelForm } from './SshTunnelForm';
import { tunnelControlView } from './tunnel-control';

/** The new tunnel state right away; the status stream brings it too, a second later. */
function showTunnel(tunnel: TunnelStatus): void {
  statusStore.setState((s) => (s.status ? { status: { ...s.status, tunnel } } : {}));
}

/** Start/stop a tunnel to the receiver from the header; its public URL shows beside the receiver's. */
export function TunnelButton({ status, disabled }: { status: TunnelStatus | undefined; disabled: boolean }) {
  const [kind, setKind] = useState<UiTunnelKind>('cloudflared');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sshFormOpen, setSshFormOpen] = useState(false);
  const control = useRef<HTMLSpanElement>(null);
  const view = tunnelControlView(status, busy, error);

  const run = async () => {
    if (view.action === null) return;
    // An SSH tunnel needs its server and public URL first: the form starts it.
    if (view.action === 'start' && kind === 'ssh') {
      setError(null);
      setSshFormOpen((open) => !open);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      showTunnel(await (view.action === 'start' && kind !== 'ssh' ? tunnelApi.start(kind) : tunnelApi.stop()));
    } catch (err) {
      // 409 TUNNEL_UNAVAILABLE carries the install advice (which binaries were looked for, where to get one).
      // The tunnel's state after the failure comes with the status stream (core status, every second).
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span ref={control} className="tunnel-control popover-anchor" data-testid="tunnel-control" data-state={status?.state ?? 'stopped'}>
      <select
        aria-label="Tunnel client"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as UiTunnelKind);
          setSshFormOpen(false);
        }}
        disabled={disabled || !view.canChooseKind}
        data-testid="tunnel-kind"
      >
        <option value="cloudflared">cloudflared</option>
        <option value="ngrok">ngrok</option>
        <option value="ssh">ssh (your server)</option>
      </select>
      <button
        type="button"
        className="btn"
        onClick={() => void run()}
        disabled={disabled || view.action === null}
        title={view.action === 'start' && kind === 'ssh' ? 'Enter your SSH server, its remote port and public URL' : view.title}
        aria-expanded={kind === 'ssh' && view.action === 'start' ? sshFormOpen : undefined}
        data-testid="tunnel-toggle"
      >
        {view.action === 'start' && kind === 'ssh' ? 'Start tunnel…' : view.label}
      </button>
      {sshFormOpen && view.action === 'start' ? (
        <SshTunnelForm
          anchor={control}
          onClose={() => setSshFormOpen(false)}
          onStarted={(tunnel) => {
            setSshFormOpen(false);
            showTunnel(tunnel);
          }}
        />
      ) : null}
      {view.message ? (
        <span className="text-error small tunnel-message" role="alert" data-testid="tunnel-error" title={view.message}>
          {view.message}
        </span>
      ) : null}
    </span>
  );
}
