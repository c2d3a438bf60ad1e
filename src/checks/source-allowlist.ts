/**
 * Source-IP allowlist: a partner that documents where its postbacks come from makes a capture from
 * anywhere else suspect (a forged conversion, or a test sent from the wrong place).
 */
import { BlockList } from 'node:net';
import type { RawHeaders } from '../model/exchange.js';
import type { PostbackIssue } from '../model/verdict.js';
import { parseCidr, parseIp, unmapIpv4 } from '../shared/ip-cidr.js';
import { tunnelArrival } from '../tunnel/tunnel-arrival.js';

/** Which address a capture is judged by, and how it was found. */
export interface JudgedSource {
  /** null: it came through a tunnel that does not name the client. */
  address: string | null;
  via: 'socket' | 'cloudflare' | 'ngrok' | 'tunnel';
}

/**
 * The socket's peer, or the client a tunnel on loopback names (Cf-Connecting-IP, X-Forwarded-For).
 * The tunnel's own public URL is not known where verdicts are computed (another thread), so only
 * tunnels recognisable from their headers count; forwarded headers from a non-loopback peer are
 * never trusted (tunnelArrival refuses them): anyone can write X-Forwarded-For.
 */
export function judgedSource(rawHeaders: RawHeaders, remoteAddress: string): JudgedSource {
  const arrival = tunnelArrival(rawHeaders, remoteAddress, null);
  if (!arrival) return { address: unmapIpv4(remoteAddress), via: 'socket' };
  return { address: arrival.clientAddress === null ? null : unmapIpv4(arrival.clientAddress), via: arrival.via };
}

/** A BlockList of the valid ranges (invalid ones are refused when the profile is saved). */
export function allowlistOf(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const parsed = parseCidr(range);
    if (!parsed.ok) continue;
    const { cidr } = parsed;
    list.addSubnet(cidr.text.slice(0, cidr.text.lastIndexOf('/')), cidr.prefix, cidr.family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** Whether an address falls in the list; IPv4-mapped IPv6 addresses are compared as IPv4. */
export function isAllowed(list: BlockList, address: string): boolean {
  const plain = unmapIpv4(address);
  const ip = parseIp(plain);
  if (!ip) return false;
  return list.check(plain, ip.family === 4 ? 'ipv4' : 'ipv6');
}

/** A fail when the capture's source is outside the profile's ranges; a warning when it cannot be told. */
export function sourceIssues(ranges: readonly string[] | undefined, rawHeaders: RawHeaders, remoteAddress: string | null | undefined): PostbackIssue[] {
  if (!ranges || ranges.length === 0) return [];
  const shown = ranges.length > 6 ? `${ranges.slice(0, 6).join(', ')} and ${ranges.length - 6} more` : ranges.join(', ');
  if (!remoteAddress) {
    return [{ code: 'source-unknown', severity: 'warn', param: null, message: `the source address is not known (a request checked without its capture): allowed sources ${shown} not checked` }];
  }
  const source = judgedSource(rawHeaders, remoteAddress);
  if (source.address === null || !parseIp(source.address)) {
    const said = source.address === null ? 'does not name the client' : `names the client as "${source.address}", not an IP address`;
    return [{ code: 'source-unknown', severity: 'warn', param: null, message: `arrived through a ${source.via} tunnel that ${said}: allowed sources ${shown} not checked` }];
  }
  if (isAllowed(cachedAllowlist(ranges), source.address)) return [];
  const through = source.via === 'socket' ? '' : ` (forwarded by a ${source.via} tunnel on ${unmapIpv4(remoteAddress)})`;
  // Local test traffic (this machine, the LAN) is what the app is for: say where production comes
  // from, but do not fail every local test of a partner whose preset carries its public ranges.
  if (isLocalAddress(source.address)) {
    return [{ code: 'source-not-allowed', severity: 'warn', param: null, message: `sent from ${source.address}${through}, a local address: in production this partner posts from ${shown}; a capture from anywhere else fails` }];
  }
  return [{ code: 'source-not-allowed', severity: 'fail', param: null, message: `sent from ${source.address}${through}, outside the partner's allowed sources: ${shown}` }];
}

/** Profiles have a handful of allowlists, judged thousands of times a batch: each is built once. */
const builtAllowlists = new Map<string, BlockList>();
const maxBuiltAllowlists = 64;

function cachedAllowlist(ranges: readonly string[]): BlockList {
  const key = ranges.join('\n');
  let list = builtAllowlists.get(key);
  if (!list) {
    if (builtAllowlists.size >= maxBuiltAllowlists) builtAllowlists.clear();
    list = allowlistOf(ranges);
    builtAllowlists.set(key, list);
  }
  return list;
}

/** Loopback, private (RFC 1918, RFC 4193) and link-local: addresses no partner's servers post from. */
const localRanges = allowlistOf(['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '::1/128', 'fc00::/7', 'fe80::/10']);

function isLocalAddress(address: string): boolean {
  return isAllowed(localRanges, address);
}
