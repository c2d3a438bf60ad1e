/**
 * The exact commands that make an OS (or Firefox) trust the local CA. Printed rather than run:
 * adding a root to a trust store is the user's decision, and on most systems it needs an admin
 * password this tool must never ask for.
 */
export type TrustPlatform = 'darwin' | 'linux' | 'win32';

/** Where the Debian/Ubuntu step puts the CA; update-ca-certificates only reads *.crt there. */
export const debianAnchor = '/usr/local/share/ca-certificates/postback-inspector-ca.crt';

export function trustSteps(certFile: string, fingerprint: string, current: NodeJS.Platform): string {
  const q = JSON.stringify(certFile);
  const here = (p: TrustPlatform): string => (p === current ? '   (this machine)' : '');
  return [
    `Trust the Postback Inspector CA — check first that its SHA-256 fingerprint is`,
    `  ${fingerprint}`,
    `(a CA you trust can vouch for any site: keep ca.key.pem private; it never leaves the data folder).`,
    '',
    `macOS${here('darwin')}`,
    `  sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${q}`,
    `  (for your user only: security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db ${q})`,
    '',
    `Debian / Ubuntu${here('linux')}`,
    `  sudo cp ${q} ${debianAnchor} && sudo update-ca-certificates`,
    `Fedora / RHEL`,
    `  sudo cp ${q} /etc/pki/ca-trust/source/anchors/postback-inspector-ca.pem && sudo update-ca-trust`,
    `Chrome and Chromium on Linux read their own store:`,
    `  certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Postback Inspector local CA" -i ${q}`,
    '',
    `Windows${here('win32')}`,
    `  certutil -addstore -user Root ${q}`,
    '',
    'Firefox (its own NSS store, every OS)',
    '  Settings › Privacy & Security › Certificates › View Certificates › Authorities › Import…, tick',
    '  "Trust this CA to identify websites"; or on macOS/Windows set security.enterprise_roots.enabled',
    '  to true in about:config so it uses the OS store above.',
    '',
    'Command-line clients',
    `  Node: NODE_EXTRA_CA_CERTS=${q}    curl: --cacert ${q}`,
    '',
  ].join('\n');
}
