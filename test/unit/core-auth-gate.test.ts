import { describe, expect, it } from 'vitest';
import { checkControlRequest, type GateRequest } from '../../src/control/auth-gate.js';
import { ErrorCatalogue } from '../../src/errors.js';

const port = 4101;
const token = 'tok-3f9a_secret';
const settings = { token, port };
const request = (url: string, headers: GateRequest['headers'] = {}): GateRequest => ({
  url,
  headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}`, ...headers },
});
const check = (url: string, headers: GateRequest['headers'] = {}) => checkControlRequest(request(url, headers), settings);

describe('checkControlRequest', () => {
  it('lets a loopback request with the right token through', () => {
    expect(check('/api/exchanges')).toBeNull();
    expect(check('/api/exchanges?limit=5', { authorization: `bearer   ${token}` })).toBeNull();
  });

  it('refuses an /api request without a token: 401 UNAUTHORIZED', () => {
    const refusal = check('/api/status', { authorization: undefined });
    expect(refusal).toBe('UNAUTHORIZED');
    expect(ErrorCatalogue[refusal!].status).toBe(401);
  });

  it('refuses a wrong token, a token of another length, a non-Bearer scheme and an empty Bearer', () => {
    expect(check('/api/status', { authorization: `Bearer ${token.slice(0, -1)}X` })).toBe('UNAUTHORIZED');
    expect(check('/api/status', { authorization: `Bearer ${token}x` })).toBe('UNAUTHORIZED');
    expect(check('/api/status', { authorization: `Basic ${token}` })).toBe('UNAUTHORIZED');
    expect(check('/api/status', { authorization: token })).toBe('UNAUTHORIZED');
    expect(check('/api/status', { authorization: 'Bearer ' })).toBe('UNAUTHORIZED');
  });

  it('accepts localhost, 127.0.0.1 and [::1] on the control port', () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect(check('/api/status', { host })).toBeNull();
      expect(check('/api/status', { host, origin: `http://${host}` })).toBeNull();
    }
  });

  it('refuses a foreign, missing or wrong-port Host even with the right token (DNS rebinding)', () => {
    for (const host of ['evil.example:4101', `attacker.localhost:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `0.0.0.0:${port}`, undefined]) {
      expect(check('/api/status', { host })).toBe('FORBIDDEN_HOST');
    }
    expect(ErrorCatalogue.FORBIDDEN_HOST.status).toBe(403);
  });

  it('refuses a foreign Origin even with the right token', () => {
    for (const origin of ['http://evil.example', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, 'null', `http://localhost:${port}.evil.example`]) {
      expect(check('/api/status', { origin })).toBe('FORBIDDEN_ORIGIN');
    }
    expect(ErrorCatalogue.FORBIDDEN_ORIGIN.status).toBe(403);
  });

  it('refuses cross-site and same-site fetches by Sec-Fetch-Site, lets same-origin and none through', () => {
    expect(check('/api/status', { 'sec-fetch-site': 'cross-site' })).toBe('FORBIDDEN_ORIGIN');
    expect(check('/api/status', { 'sec-fetch-site': 'same-site' })).toBe('FORBIDDEN_ORIGIN');
    expect(check('/api/status', { 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(check('/api/status', { 'sec-fetch-site': 'none' })).toBeNull();
    // The UI's own files too: no token needed, but a cross-site page may not load them.
    expect(check('/', { authorization: undefined, 'sec-fetch-site': 'cross-site' })).toBe('FORBIDDEN_ORIGIN');
  });

  it('checks the Host before anything else', () => {
    expect(check('/api/status', { host: 'evil.example', authorization: undefined, origin: 'http://evil.example' })).toBe('FORBIDDEN_HOST');
  });

  it('needs the token for anything but the UI files, however the path is spelled', () => {
    expect(check('/%61pi/status', { authorization: undefined })).toBe('UNAUTHORIZED');
    expect(check('/assets/../api/status', { authorization: undefined })).toBe('UNAUTHORIZED');
    expect(check('/anything-else', { authorization: undefined })).toBe('UNAUTHORIZED');
    expect(check('/favicon.svg', { authorization: undefined })).toBeNull();
  });

  it('serves the UI files without a token, but still only to the loopback Host', () => {
    expect(check('/', { authorization: undefined })).toBeNull();
    expect(check('/assets/index-abc.js', { authorization: undefined })).toBeNull();
    expect(check('/', { authorization: undefined, host: 'evil.example' })).toBe('FORBIDDEN_HOST');
    expect(check('/assets/app.js', { authorization: undefined, host: `rebind.example:${port}` })).toBe('FORBIDDEN_HOST');
  });

  it('uses the first value of a repeated header', () => {
    expect(check('/api/status', { host: [`127.0.0.1:${port}`, 'evil.example'] })).toBeNull();
    expect(check('/api/status', { host: ['evil.example', `127.0.0.1:${port}`] })).toBe('FORBIDDEN_HOST');
  });
});
