import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hostInUrl, listenOn, portInUseError } from '../../../src/http/listen.js';

const servers: Server[] = [];
const server = (): Server => {
  const s = createServer();
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.listening ? s.close(resolve) : resolve(undefined)))));
});

describe('listenOn', () => {
  it('reports the bound URL, the free port filled in and an IPv6 address in brackets', async () => {
    expect(await listenOn(server(), 'http', '127.0.0.1', 0)).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(await listenOn(server(), 'https', '::1', 0)).toMatch(/^https:\/\/\[::1\]:[1-9]\d*$/);
  });

  it('rejects a taken port with an error that portInUseError turns into one naming the server, the port and the way out', async () => {
    const url = await listenOn(server(), 'http', '127.0.0.1', 0);
    const port = Number(new URL(url).port);
    const failure: unknown = await listenOn(server(), 'http', '127.0.0.1', port).catch((e: unknown) => e);
    expect(portInUseError(failure, 'HTTPS receiver', '127.0.0.1', port, ' Saved.')?.message).toBe(
      `The HTTPS receiver port ${port} on 127.0.0.1 is already in use (another Postback Inspector?). Choose another port, or 0 for any free port. Saved.`,
    );
  });
});

describe('portInUseError', () => {
  it('leaves any other failure to the caller', () => {
    expect(portInUseError(Object.assign(new Error('denied'), { code: 'EACCES' }), 'receiver', '0.0.0.0', 80)).toBeNull();
  });
});

describe('hostInUrl', () => {
  it('brackets a bare IPv6 address once and leaves names and IPv4 alone', () => {
    expect(hostInUrl('fe80::1')).toBe('[fe80::1]');
    expect(hostInUrl('[::1]')).toBe('[::1]');
    expect(hostInUrl('192.168.1.5')).toBe('192.168.1.5');
    expect(hostInUrl('localhost')).toBe('localhost');
  });
});
