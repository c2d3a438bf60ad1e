import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { connect as h2connect } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core, type ExchangeDetail } from '../../src/index.js';
import { newRsaKey, randomSerial } from '../../src/tls/forge-cert.js';

const bin = new URL('../../bin/postback-inspector.js', import.meta.url).pathname;

async function open(dataDir: string, tlsNames: string[] = []): Promise<Core> {
  return createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0, httpsPort: 0, tlsNames }, control: { port: 0, uiDir: null } });
}

async function detailOf(core: Core, id: number): Promise<ExchangeDetail> {
  const response = await fetch(`${core.controlUrl}/api/exchanges/${id}`, { headers: { Authorization: `Bearer ${core.token}` } });
  return (await response.json()) as ExchangeDetail;
}

async function newest(core: Core): Promise<ExchangeDetail> {
  const page = (await (await fetch(`${core.controlUrl}/api/exchanges?limit=1`, { headers: { Authorization: `Bearer ${core.token}` } })).json()) as { items: Array<{ id: number }> };
  return detailOf(core, page.items[0]!.id);
}

/** One HTTPS/1.1 request; resolves with status and body once the answer is in (it is committed by then). */
function post(url: string, path: string, body: Buffer, options: RequestOptions & Pick<ConnectionOptions, 'ALPNProtocols'>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${url}${path}`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length }, ...options }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const caFile = (dataDir: string): string => join(dataDir, 'ca', 'ca.cert.pem');
const fingerprintOf = (file: string): string => new X509Certificate(readFileSync(file)).fingerprint256;

describe('HTTPS receiver with a local CA', () => {
  let dataDir: string;
  let core: Core;
  let ca: Buffer;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pi-https-'));
    core = await open(dataDir, ['pb.test']);
    ca = readFileSync(caFile(dataDir));
  });
  afterAll(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes a CA (CA:true, keyCertSign, ~10 years) whose keys are readable by the user only, and reports the URL', async () => {
    expect(core.httpsReceiverUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(join(dataDir, 'ca', 'ca.key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'ca', 'leaf.key.pem')).mode & 0o777).toBe(0o600);
    const cert = new X509Certificate(ca);
    expect(cert.ca).toBe(true);
    const years = (Date.parse(cert.validTo) - Date.now()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(9.9);
    const text = forge.pki.certificateFromPem(ca.toString());
    expect(text.getExtension('keyUsage')).toMatchObject({ keyCertSign: true });
    const leaf = new X509Certificate(readFileSync(join(dataDir, 'ca', 'leaf.cert.pem')));
    expect(leaf.checkIssued(cert)).toBe(true);
    expect((Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)) / 86_400_000).toBeLessThanOrEqual(397);
    expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:pb.test');
    const status = (await (await fetch(`${core.controlUrl}/api/status`, { headers: { Authorization: `Bearer ${core.token}` } })).json()) as { httpsReceiverUrl: string };
    expect(status.httpsReceiverUrl).toBe(core.httpsReceiverUrl);
  });

  it('captures an https postback (client trusting the CA) with protocol, cipher, SNI and ALPN', async () => {
    const body = Buffer.from('{"click_id":"tls-1","payout":1.50}');
    const res = await post(core.httpsReceiverUrl!, '/pb?click_id=tls-1', body, { ca, servername: 'pb.test', ALPNProtocols: ['http/1.1'] });
    expect(res.status).toBe(200);
    const d = await newest(core);
    expect(d.url).toBe('/pb?click_id=tls-1');
    expect(d.httpVersion).toBe('1.1');
    expect(Buffer.from(d.body, 'base64').equals(body)).toBe(true);
    expect(d.tls).toMatchObject({ protocol: 'TLSv1.3', servername: 'pb.test', alpn: 'http/1.1', clientCertificate: null });
    expect(d.tls!.cipher).toMatch(/^TLS_(AES_\d+_GCM_SHA\d+|CHACHA20_POLY1305_SHA256)$/);
  });

  it('captures h2 as HTTP 2.0 with the body byte-exact (no Content-Length, binary) and no pseudo-headers', async () => {
    const body = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x80, 0x0d, 0x0a, 0xc3, 0x28]);
    const session = h2connect(core.httpsReceiverUrl!.replace('127.0.0.1', 'localhost'), { ca });
    const answer = await new Promise<{ status: number; alpn: string | undefined }>((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/h2/pb?event=install', 'X-Partner-Sig': 'abc', 'content-type': 'application/octet-stream' });
      stream.on('response', (headers) => {
        stream.resume();
        stream.on('end', () => resolve({ status: Number(headers[':status']), alpn: session.alpnProtocol }));
      });
      stream.on('error', reject);
      stream.end(body);
    });
    session.close();
    expect(answer).toEqual({ status: 200, alpn: 'h2' });
    const d = await newest(core);
    expect(d.httpVersion).toBe('2.0');
    expect(d.method).toBe('POST');
    expect(d.url).toBe('/h2/pb?event=install');
    expect(Buffer.from(d.body, 'base64').equals(body)).toBe(true);
    expect(d.rawHeaders.some(([name]) => name.startsWith(':'))).toBe(false);
    expect(d.rawHeaders).toContainEqual(['x-partner-sig', 'abc']);
    expect(d.tls).toMatchObject({ protocol: 'TLSv1.3', alpn: 'h2', servername: 'localhost' });
  });

  it('records the subject and fingerprint of a client certificate (accepted unverified)', async () => {
    const client = clientCertificate('partner-postback-client');
    await post(core.httpsReceiverUrl!, '/mtls', Buffer.from('{}'), { ca, servername: 'localhost', cert: client.certPem, key: client.keyPem });
    const d = await newest(core);
    expect(d.url).toBe('/mtls');
    expect(d.tls!.clientCertificate).toEqual({
      subject: 'CN=partner-postback-client, O=Partner Inc',
      issuer: 'CN=Throwaway test CA',
      fingerprint256: new X509Certificate(client.certPem).fingerprint256,
      validTo: new X509Certificate(client.certPem).validTo,
    });
  });

  it('logs an HTTP/1 parser refusal over TLS with its TLS facts, and drops a failed handshake without a row', async () => {
    const before = core.exchanges.count();
    // A client that does not trust the CA fails the handshake: nothing to log, nothing breaks.
    await expect(post(core.httpsReceiverUrl!, '/untrusted', Buffer.from('x'), { servername: 'localhost' })).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
    const port = Number(new URL(core.httpsReceiverUrl!).port);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost', ALPNProtocols: ['http/1.1'] }, () => socket.end('GARBAGE\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    await waitFor(() => core.exchanges.count() === before + 1);
    const d = await newest(core);
    expect(d.rejected).toBe('malformed');
    expect(d.tls).toMatchObject({ protocol: 'TLSv1.3', alpn: 'http/1.1', servername: 'localhost' });
  });

  it('keeps the plain HTTP receiver free of TLS facts', async () => {
    expect((await fetch(`${core.receiverUrl}/plain`)).status).toBe(200);
    const d = await newest(core);
    expect(d.url).toBe('/plain');
    expect(d.tls).toBeNull();
  });
});

describe('CA lifetime across restarts', () => {
  it('keeps the CA (same fingerprint), keeps the leaf for the same names, reissues it when a name is added', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-https-'));
    const leafFile = join(dataDir, 'ca', 'leaf.cert.pem');
    try {
      let core = await open(dataDir);
      const caPrint = fingerprintOf(caFile(dataDir));
      const leafPrint = fingerprintOf(leafFile);
      await core.close();

      core = await open(dataDir);
      expect(fingerprintOf(caFile(dataDir))).toBe(caPrint);
      expect(fingerprintOf(leafFile)).toBe(leafPrint);
      await core.close();

      core = await open(dataDir, ['postbacks.example.test']);
      try {
        expect(fingerprintOf(caFile(dataDir))).toBe(caPrint);
        expect(fingerprintOf(leafFile)).not.toBe(leafPrint);
        const ca = readFileSync(caFile(dataDir));
        // The new name verifies against the same (already trusted) CA.
        expect((await post(core.httpsReceiverUrl!, '/renamed', Buffer.from('{}'), { ca, servername: 'postbacks.example.test' })).status).toBe(200);
        expect((await newest(core)).tls!.servername).toBe('postbacks.example.test');
      } finally {
        await core.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('CLI', () => {
  it('`ca --install` prints the certificate path, its SHA-256 fingerprint and the OS steps, and runs nothing without --yes', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-ca-cli-'));
    try {
      const run = spawnSync(process.execPath, [bin, 'ca', '--data', dataDir, '--install'], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      const cert = caFile(dataDir);
      expect(run.stdout).toContain(`CA certificate  ${cert}`);
      expect(run.stdout).toContain(`SHA-256         ${fingerprintOf(cert)}`);
      expect(run.stdout).toContain(`security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "${cert}"`);
      expect(run.stdout).toContain(`sudo cp "${cert}" /usr/local/share/ca-certificates/postback-inspector-ca.crt && sudo update-ca-certificates`);
      expect(run.stdout).toContain(`certutil -addstore -user Root "${cert}"`);
      expect(run.stdout).toMatch(/Firefox/);
      expect(run.stdout).not.toMatch(/Copied|Not run automatically/);
      expect(statSync(join(dataDir, 'ca', 'ca.key.pem')).mode & 0o777).toBe(0o600);
      // A second run shows the same CA: it is made once.
      const again = spawnSync(process.execPath, [bin, 'ca', '--data', dataDir], { encoding: 'utf8' });
      expect(again.stdout).toContain(fingerprintOf(cert));
      expect(again.stdout).not.toContain('add-trusted-cert');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('`serve --https-port 0 --tls-name` prints httpsReceiverUrl in --json and captures over it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-https-cli-'));
    const child = spawn(process.execPath, [bin, 'serve', '--json', '--receiver-port', '0', '--https-port', '0', '--tls-name', 'pb.test', '--tls-name', 'hooks.test', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const ready = JSON.parse(first) as { httpsReceiverUrl: string; controlUrl: string; token: string };
      expect(ready.httpsReceiverUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(caFile(dataDir));
      expect((await post(ready.httpsReceiverUrl, '/cli-tls', Buffer.from('{}'), { ca, servername: 'hooks.test' })).status).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A client certificate from a CA made here and trusted by no one: the receiver records, never verifies. */
function clientCertificate(commonName: string): { certPem: string; keyPem: string } {
  const caKey = newRsaKey();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = caKey.publicKey;
  caCert.serialNumber = randomSerial();
  caCert.validity.notBefore = new Date(Date.now() - 60_000);
  caCert.validity.notAfter = new Date(Date.now() + 86_400_000);
  caCert.setSubject([{ name: 'commonName', value: 'Throwaway test CA' }]);
  caCert.setIssuer([{ name: 'commonName', value: 'Throwaway test CA' }]);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true }]);
  caCert.sign(caKey.forgeKey, forge.md.sha256.create());
  const key = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'Partner Inc' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([{ name: 'extKeyUsage', clientAuth: true }]);
  cert.sign(caKey.forgeKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.keyPem };
}

async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
