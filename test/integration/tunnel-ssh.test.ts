/**
 * The user-given SSH reverse tunnel through the control API, as the UI's form sends it (user,
 * host, remote port, public URL), with a fake `ssh` first on PATH (test/helpers/fake-tunnel.ts):
 * each wrong field is refused under its own name, and a good form runs `ssh -R <remote port>:…`
 * to the receiver only, at the public URL given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../src/index.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { fakeSsh, isAlive, type FakeSsh } from '../helpers/fake-tunnel.js';

let tc: TestCore;
let fake: FakeSsh;
const savedPath = process.env['PATH'];

beforeAll(async () => {
  fake = fakeSsh();
  process.env['PATH'] = fake.path;
  tc = await startCore();
});
afterAll(async () => {
  await tc.close();
  process.env['PATH'] = savedPath;
  fake.remove();
});

const start = (body: unknown) => tc.api('/api/tunnel/start', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('ssh tunnel from the form', () => {
  it('refuses each wrong field under its own name, and runs nothing', async () => {
    const res = await start({ kind: 'ssh', sshUser: '-oProxyCommand=x', sshHost: '', remotePort: 70000, publicUrl: 'ftp://pb.example' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: Array<{ field: string; message: string }> } };
    expect(body.error.fields.map((f) => f.field)).toEqual(['sshUser', 'sshHost', 'remotePort', 'publicUrl']);
    expect(body.error.fields.find((f) => f.field === 'remotePort')?.message).toBe('the remote port is a whole number from 1 to 65535');
    expect(fake.run()).toBeNull();
  });

  it('runs ssh -R <remote port>:receiver, and is running at the public URL given', async () => {
    const res = await start({ kind: 'ssh', sshUser: 'deploy', sshHost: 'tunnel.example.com', remotePort: 8080, publicUrl: 'https://pb.example.com/' });
    expect(res.status).toBe(200);
    expect((await res.json()) as TunnelStatus).toEqual({ state: 'running', kind: 'ssh', publicUrl: 'https://pb.example.com', error: null });
    const receiverPort = new URL(tc.core.receiverUrl).port;
    await expect.poll(() => fake.run()?.args).toEqual(['-N', '-o', 'BatchMode=yes', '-o', 'ExitOnForwardFailure=yes', '-R', `8080:127.0.0.1:${receiverPort}`, '--', 'deploy@tunnel.example.com']);
    const pid = fake.run()!.pid;
    await tc.api('/api/tunnel/stop', { method: 'POST' });
    await expect.poll(() => isAlive(pid)).toBe(false);
  });

  it('without a remote port forwards the server’s port 80, as before; the CLI spec takes one after the host', async () => {
    const res = await start({ kind: 'ssh', sshUser: '', sshHost: 'tunnel.example.com', publicUrl: 'https://pb.example.com' });
    expect(res.status).toBe(200);
    await expect.poll(() => fake.run()?.args.slice(-3)).toEqual([`80:127.0.0.1:${new URL(tc.core.receiverUrl).port}`, '--', 'tunnel.example.com']);
    await tc.api('/api/tunnel/stop', { method: 'POST' });
    const spec = await start({ kind: 'ssh:deploy@tunnel.example.com:2222', publicUrl: 'https://pb.example.com' });
    expect(spec.status).toBe(200);
    await expect.poll(() => fake.run()?.args.slice(-3)[0]).toBe(`2222:127.0.0.1:${new URL(tc.core.receiverUrl).port}`);
    await tc.api('/api/tunnel/stop', { method: 'POST' });
  });
});
