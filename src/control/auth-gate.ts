import { timingSafeEqual } from 'node:crypto';
import type { ErrorCode } from '../errors.js';
import { splitTarget } from '../http/target.js';

export interface GateSettings {
  token: string;
  port: number;
}

export interface GateRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The control API is "not far from remote code execution": it must answer only to this machine's
 * own UI and scripts. Host stops DNS rebinding, Origin stops other web pages, the token stops
 * everything else. Returns the refusal, or null to let the request through.
 */
export function checkControlRequest(request: GateRequest, settings: GateSettings): ErrorCode | null {
  const host = single(request.headers['host']);
  if (!host || !loopbackHosts.some((h) => host === `${h}:${settings.port}`)) return 'FORBIDDEN_HOST';

  const origin = single(request.headers['origin']);
  if (origin !== undefined && !loopbackHosts.some((h) => origin === `http://${h}:${settings.port}`)) return 'FORBIDDEN_ORIGIN';
  // Browsers that omit Origin on same-origin GETs still say where a request came from.
  const fetchSite = single(request.headers['sec-fetch-site']);
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return 'FORBIDDEN_ORIGIN';

  if (isPublicUiFile(request.url)) return null;
  const authorization = single(request.headers['authorization']) ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(authorization);
  if (!match || !tokensEqual(match[1]!, settings.token)) return 'UNAUTHORIZED';
  return null;
}

/**
 * The only things served without the token: the UI's own static files, named exactly. Deciding
 * by "starts with /api/" instead would let `/%61pi/…` (which the router decodes to /api/…) in.
 */
export function isPublicUiFile(url: string): boolean {
  const { path } = splitTarget(url);
  return path === '/' || path === '/index.html' || path === '/favicon.svg' || /^\/assets\/[A-Za-z0-9_.-]+$/.test(path);
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
