/**
 * IP addresses and CIDR ranges as text: parsing, validation and the IPv4-mapped IPv6 spelling.
 * Pure (no node:net) so the profile editor can share the rules; matching itself uses Node's
 * net.BlockList (src/checks/source-allowlist.ts).
 */

export interface ParsedIp {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

export interface ParsedCidr extends ParsedIp {
  prefix: number;
  /** The range as written canonically (`52.0.0.0/16`), for messages. */
  text: string;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    // Leading zeros are refused: some parsers read them as octal, so `010.0.0.1` is ambiguous.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6(text: string): number[] | null {
  // A zone (`fe80::1%eth0`) names an interface, not part of the address.
  let body = text.replace(/%[^%]*$/, '');
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    // An embedded dotted quad (`::ffff:1.2.3.4`) is the last two groups.
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4) return null;
    body = `${body.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]!);
  let groups = head;
  if (halves.length === 2) {
    const rest = groupsOf(halves[1]!);
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null;
    groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  }
  if (groups.length !== 8) return null;
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return bytes;
}

/** An IPv4 or IPv6 address; null when it is neither. */
export function parseIp(text: string): ParsedIp | null {
  const s = text.trim();
  if (s.includes(':')) {
    const bytes = parseIpv6(s);
    return bytes ? { family: 6, bytes } : null;
  }
  const bytes = parseIpv4(s);
  return bytes ? { family: 4, bytes } : null;
}

/** `::ffff:1.2.3.4` (or `::ffff:102:304`) as `1.2.3.4`: a dual-stack socket reports IPv4 peers so. */
export function unmapIpv4(address: string): string {
  const parsed = parseIp(address);
  if (!parsed || parsed.family !== 6) return address.trim();
  const b = parsed.bytes;
  const mapped = b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  return mapped ? b.slice(12).join('.') : address.trim().replace(/%[^%]*$/, '');
}

export function formatIp(ip: ParsedIp): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i]! << 8) | ip.bytes[i + 1]!);
  // The longest run of two or more zero groups becomes `::` (RFC 5952).
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.len < 2) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

/**
 * A range: `52.0.0.0/16`, `2600:1f18::/32`, or a bare address (one host). Host bits set under
 * the prefix (`10.0.0.1/8`) are refused: it is a typo or a misunderstanding, and guessing which
 * one would silently widen or narrow the allowlist.
 */
export function parseCidr(text: string): { ok: true; cidr: ParsedCidr } | { ok: false; message: string } {
  const s = text.trim();
  const slash = s.indexOf('/');
  const ip = parseIp(slash < 0 ? s : s.slice(0, slash));
  if (!ip) return { ok: false, message: `"${s}" is not an IPv4 or IPv6 address or CIDR range (e.g. 52.0.0.0/16, 2600:1f18::/32)` };
  const max = ip.family === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
    return { ok: false, message: `"${s}": the prefix length must be 0–${max} for an IPv${ip.family} range` };
  }
  const prefix = Number(prefixText);
  const network = ip.bytes.map((byte, i) => {
    const bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
    return byte & ((0xff << (8 - bitsHere)) & 0xff);
  });
  if (network.some((byte, i) => byte !== ip.bytes[i])) {
    const suggestion = `${formatIp({ family: ip.family, bytes: network })}/${prefix}`;
    return { ok: false, message: `"${s}" has host bits set under /${prefix}: did you mean ${suggestion}?` };
  }
  return { ok: true, cidr: { ...ip, prefix, text: `${formatIp(ip)}/${prefix}` } };
}
