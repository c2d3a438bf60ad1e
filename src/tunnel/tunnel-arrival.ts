/**
 * Whether a capture came through a tunnel, read afterwards from the headers it was captured with
 * (nothing is added on the receiver's path). A tunnel client connects from this machine, so only
 * loopback connections count: a forged Cf-Connecting-IP from the LAN is not a tunnel.
 */
import type { RawHeaders } from '../model/exchange.js';
import type { TunnelArrival } from '../model/tunnel.js';

const ngrokHost = /\.ngrok(-free)?\.(app|io|dev)$/;

export function tunnelArrival(rawHeaders: RawHeaders, remoteAddress: string, tunnelUrl: string | null): TunnelArrival | null {
  if (!isLoopback(remoteAddress)) return null;
  const header = (name: string): string | null => rawHeaders.find(([n]) => n.toLowerCase() === name)?.[1].trim() ?? null;
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

function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}
