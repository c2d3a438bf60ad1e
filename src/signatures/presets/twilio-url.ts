/**
 * The URL forms Twilio's own SDK accepts a signature over. Twilio's back end is inconsistent
 * about the port (twilio-node's comment: "signature generation on the back end is inconsistent"),
 * so `validateRequest` computes the signature twice and accepts either:
 *  - removePort: the URL with any port removed (`https://h:8443/x` → `https://h/x`);
 *  - addPort: the URL as given when it has a port, else with the scheme's default added
 *    (`https://h/x` → `https://h:443/x`, `http://h/x` → `http://h:80/x`).
 * One of the two is always the URL as captured, so the forms are that URL and its counterpart.
 * Source: https://github.com/twilio/twilio-node/blob/main/src/webhooks/webhooks.ts
 *   (validateRequest, addPort, removePort, buildUrlWithStandardPort).
 */

export interface UrlForm {
  url: string;
  /** How this form differs from the URL as captured; null for the URL itself. */
  change: string | null;
}

const AUTHORITY = /^(https?):\/\/([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?(.*)$/is;

export function twilioUrlForms(url: string): UrlForm[] {
  const m = AUTHORITY.exec(url);
  if (!m) return [{ url, change: null }];
  const [, scheme = '', userinfo = '', host = '', port, rest = ''] = m;
  const base = `${scheme}://${userinfo}${host}`;
  if (port !== undefined) {
    return [
      { url, change: null },
      { url: `${base}${rest}`, change: `the port :${port} removed` },
    ];
  }
  const std = scheme.toLowerCase() === 'https' ? '443' : '80';
  return [
    { url, change: null },
    { url: `${base}:${std}${rest}`, change: `the default port :${std} added` },
  ];
}
