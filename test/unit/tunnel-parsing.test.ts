import { describe, expect, it } from 'vitest';
import { tunnelArrival } from '../../src/tunnel/tunnel-arrival.js';
import { notInstalledMessage, tunnelClients } from '../../src/tunnel/tunnel-clients.js';
import { sshTunnelErrors, type SshTunnelInput } from '../../src/tunnel/ssh-tunnel-input.js';
import { parseTunnelSpec } from '../../src/tunnel/tunnel-kind.js';

describe('tunnel clients', () => {
  it('cloudflared: the quick-tunnel URL out of its banner line', () => {
    const line = '2025-01-01T00:00:00Z INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                                      |';
    expect(tunnelClients.cloudflared.urlFrom(line)).toBe('https://seasonal-deck-organisms-sf.trycloudflare.com');
    expect(tunnelClients.cloudflared.urlFrom('INF Requesting new quick Tunnel on trycloudflare.com...')).toBeNull();
    expect(tunnelClients.cloudflared.args({ host: '127.0.0.1', port: 4100 }, { kind: 'cloudflared' })).toEqual(['tunnel', '--url', 'http://127.0.0.1:4100']);
  });
  it('ngrok: `url` from its JSON log', () => {
    expect(tunnelClients.ngrok.urlFrom('{"lvl":"info","msg":"started tunnel","obj":"tunnels","name":"command_line","addr":"http://localhost:4100","url":"https://ab12.ngrok-free.app"}')).toBe('https://ab12.ngrok-free.app');
    expect(tunnelClients.ngrok.urlFrom('{"lvl":"info","msg":"client session established"}')).toBeNull();
    expect(tunnelClients.ngrok.urlFrom('not json')).toBeNull();
    expect(tunnelClients.ngrok.args({ host: '127.0.0.1', port: 4100 }, { kind: 'ngrok' })).toEqual(['http', '4100', '--log', 'stdout', '--log-format', 'json']);
  });
  it('ssh: a remote forward of port 80 to the receiver, the destination after --', () => {
    expect(tunnelClients.ssh.args({ host: '127.0.0.1', port: 4100 }, { kind: 'ssh', sshDestination: 'me@box.example', publicUrl: 'https://pb.example' })).toEqual(['-N', '-o', 'BatchMode=yes', '-o', 'ExitOnForwardFailure=yes', '-R', '80:127.0.0.1:4100', '--', 'me@box.example']);
  });
  it('the not-installed message names every client and how to get it', () => {
    const text = notInstalledMessage('cloudflared');
    expect(text).toMatch(/no "cloudflared" found on PATH/);
    for (const word of ['ngrok', 'ssh', 'brew install cloudflared', 'ngrok.com/download', 'OpenSSH']) expect(text).toContain(word);
  });
});

describe('tunnel spec', () => {
  it('accepts cloudflared, ngrok and ssh:user@host with a URL', () => {
    expect(parseTunnelSpec('cloudflared')).toEqual({ kind: 'cloudflared' });
    expect(parseTunnelSpec('ssh:me@box.example', 'https://pb.example/')).toEqual({ kind: 'ssh', sshDestination: 'me@box.example', remotePort: 80, publicUrl: 'https://pb.example' });
    expect(parseTunnelSpec('ssh:me@box.example:8080', 'https://pb.example')).toEqual({ kind: 'ssh', sshDestination: 'me@box.example', remotePort: 8080, publicUrl: 'https://pb.example' });
    expect(parseTunnelSpec('ssh:box.example', 'https://pb.example')).toEqual({ kind: 'ssh', sshDestination: 'box.example', remotePort: 80, publicUrl: 'https://pb.example' });
  });
  it('refuses unknown clients, ssh without a URL, and destinations ssh would read as options', () => {
    expect(parseTunnelSpec('frp')).toHaveProperty('error');
    expect(parseTunnelSpec('ssh:me@box.example')).toHaveProperty('error');
    expect(parseTunnelSpec('ssh:-oProxyCommand=touch', 'https://x.example')).toHaveProperty('error');
    expect(parseTunnelSpec('ssh:me@box.example:0', 'https://x.example')).toEqual({ error: 'the remote port is a whole number from 1 to 65535' });
    expect(parseTunnelSpec('ssh:me@box.example:http', 'https://x.example')).toHaveProperty('error');
  });
});

describe('ssh tunnel form fields (src/tunnel/ssh-tunnel-input.ts, shared by the UI and the core)', () => {
  const fields = (input: Partial<SshTunnelInput>) => sshTunnelErrors({ user: 'deploy', host: 'tunnel.example.com', publicUrl: 'https://pb.example.com', ...input }).map((e) => e.field);
  it('accepts a user (or none), a host, a port 1–65535 (or none) and an http(s) URL', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ user: '', remotePort: 1 })).toEqual([]);
    expect(fields({ remotePort: 65535 })).toEqual([]);
  });
  it('names each wrong field', () => {
    expect(fields({ user: '-oProxyCommand=x' })).toEqual(['sshUser']);
    expect(fields({ host: '' })).toEqual(['sshHost']);
    expect(fields({ host: 'a b' })).toEqual(['sshHost']);
    expect(fields({ host: '-x' })).toEqual(['sshHost']);
    for (const remotePort of [0, 65536, 80.5, Number.NaN]) expect(fields({ remotePort })).toEqual(['remotePort']);
    expect(fields({ publicUrl: '' })).toEqual(['publicUrl']);
    expect(fields({ publicUrl: 'pb.example.com' })).toEqual(['publicUrl']);
  });
  it('ssh forwards the chosen remote port to the receiver', () => {
    expect(tunnelClients.ssh.args({ host: '127.0.0.1', port: 4100 }, { kind: 'ssh', sshDestination: 'me@box.example', remotePort: 8080, publicUrl: 'https://pb.example' })).toContain('8080:127.0.0.1:4100');
  });
});

describe('tunnel arrival (derived from the captured headers)', () => {
  const headers = (...pairs: Array<[string, string]>) => pairs;
  it('cloudflare: Cf-Connecting-IP on a loopback connection', () => {
    expect(tunnelArrival(headers(['Host', 'x.trycloudflare.com'], ['Cf-Connecting-IP', '198.51.100.4']), '127.0.0.1', null)).toEqual({ via: 'cloudflare', clientAddress: '198.51.100.4' });
  });
  it('ngrok: its host, the first X-Forwarded-For address', () => {
    expect(tunnelArrival(headers(['Host', 'ab12.ngrok-free.app'], ['X-Forwarded-For', '198.51.100.9, 10.0.0.1']), '::1', null)).toEqual({ via: 'ngrok', clientAddress: '198.51.100.9' });
  });
  it('ssh or a named domain: the running tunnel\'s host; the address unknown when not forwarded', () => {
    expect(tunnelArrival(headers(['Host', 'pb.example:80']), '127.0.0.1', 'https://pb.example')).toEqual({ via: 'tunnel', clientAddress: null });
  });
  it('not a tunnel: a direct request, or forged headers from the LAN', () => {
    expect(tunnelArrival(headers(['Host', '127.0.0.1:4100']), '127.0.0.1', 'https://pb.example')).toBeNull();
    expect(tunnelArrival(headers(['Host', 'x.trycloudflare.com'], ['Cf-Connecting-IP', '1.2.3.4']), '192.168.1.20', null)).toBeNull();
  });
});
