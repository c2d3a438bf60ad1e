import { portInUseError } from '../http/listen.js';
import { ensureCa } from '../tls/ca.js';
import { ensureLeaf } from '../tls/leaf.js';
import type { ReceiverOptions } from './receiver-server.js';
import { buildTlsReceiver, type TlsReceiver } from './tls-receiver.js';

export interface HttpsStart {
  dataDir: string;
  host: string;
  port: number;
  /** Names beyond localhost / 127.0.0.1 / ::1 the leaf must cover. */
  names: readonly string[];
}

/** A day: the leaf is renewed 30 days before expiry, so a daily look is plenty. */
const renewCheckMs = 24 * 60 * 60 * 1000;

/**
 * Makes (or reuses) the data folder's CA and a leaf for the configured names, then listens.
 * A receiver left running for months gets its leaf renewed in place before it expires.
 */
export async function startHttpsReceiver(start: HttpsStart, options: ReceiverOptions): Promise<{ receiver: TlsReceiver; url: string; stopRenewing: () => void }> {
  const ca = ensureCa(start.dataDir);
  const leaf = ensureLeaf(start.dataDir, ca, start.names);
  const receiver = buildTlsReceiver({ ...options, cert: leaf.certPem, key: leaf.keyPem });
  let url: string;
  try {
    url = await receiver.listen(start.host, start.port);
  } catch (error) {
    throw portInUseError(error, 'HTTPS receiver', start.host, start.port) ?? error;
  }
  const timer = setInterval(() => {
    try {
      const next = ensureLeaf(start.dataDir, ensureCa(start.dataDir), start.names);
      if (next.reissued) receiver.setCertificate(next.certPem, next.keyPem);
    } catch (error) {
      options.onError(`https receiver: renewing the certificate failed: ${(error as Error).message}`);
    }
  }, renewCheckMs);
  timer.unref();
  return { receiver, url, stopRenewing: () => clearInterval(timer) };
}
