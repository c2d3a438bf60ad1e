/**
 * Whether a capture came through a tunnel, read afterwards from the headers it was captured with
 * (nothing is added on the receiver's path). A tunnel client connects from this machine, so only
 * loopback connections count: a forged Cf-Connecting-IP from the LAN is not a tunnel.
 */
import type { RawHeaders } from '../model/exchange.js';
import type { TunnelArrival } from '../model/tunnel.js';
import { headerValue } from '../http/headers.js';
import { parseIp, unmapIpv4 } from '../shared/ip-cidr.js';

const ngrokHost = /\.ngrok(-free)?\.(app|io|dev)$/;

export function tunnelArrival(rawHeaders: RawHeaders, remoteAddress: string, tunnelUrl: string | null): TunnelArrival | null {
  if (!isLoopback(remoteAddress)) return null;
  const header = (name: string): string | null => headerValue(rawHeaders, name)?.trim() ?? null;
  const host = (header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
  const cfClient = header('cf-connecting-ip');
  const forwardedFor = header('x-forwarded-for')?.split(',')[0]?.trim() || null;
  const clientAddress = cfClient || forwardedFor;
  if (cfClient !== null || host.endsWith('.trycloudflare.com')) return { via: 'cloudflare', clientAddress };
  if (ngrokHost.test(host)) return { via: 'ngrok', clientAddress };
  // A tunnel whose name the user chose (ssh, a named cloudflared or ngrok domain): the running one's host.
  if (tunnelUrl !== null && host !== '' && host === hostOf(tunnelUrl)) return { via: 'tunnel', clientAddress };
  return null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Any spelling of 127.0.0.0/8 or ::1 (v4-mapped in dotted or hex form included). */
function isLoopback(address: string): boolean {
  const plain = unmapIpv4(address);
  const ip = parseIp(plain);
  return ip !== null && (ip.family === 4 ? ip.bytes[0] === 127 : ip.bytes.every((b, i) => b === (i === 15 ? 1 : 0)));
}
