/**
 * What every server the app runs (receiver, HTTPS receiver, control API) shares about listening:
 * the URL it reports and the words for a port that is taken.
 */
import type { AddressInfo, Server } from 'node:net';

/** A host as it stands in a URL: an IPv6 address goes in brackets (once). */
export function hostInUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The URL of a bound address. */
export function listenUrl(scheme: 'http' | 'https', address: AddressInfo): string {
  return `${scheme}://${hostInUrl(address.address)}:${address.port}`;
}

/** Resolves to the URL a server listens on once it does. */
export function listenOn(server: Server, scheme: 'http' | 'https', host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve(listenUrl(scheme, server.address() as AddressInfo));
    });
  });
}

/**
 * Node's EADDRINUSE names neither the server nor a way out: this error does, with `hint` (a
 * sentence) after it. Null for any other failure, which the caller handles as it sees fit.
 */
export function portInUseError(error: unknown, what: string, host: string, port: number, hint = ''): Error | null {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'EADDRINUSE') return null;
  return new Error(`The ${what} port ${port} on ${host} is already in use (another Postback Inspector?). Choose another port, or 0 for any free port.${hint}`);
}
