/**
 * The URL forms Twilio's own SDK accepts a signature over. Twilio's back end is inconsistent
 * about the port and about escaping in the query (twilio-node: "signature generation on the back
 * end is inconsistent"), so `validateRequest` tries four forms and accepts any:
 *  - removePort: `new URL(url)` with any port removed (`https://h:8443/x` → `https://h/x`);
 *  - addPort: the URL as parsed when it has a port, else with the scheme's default added
 *    (`https://h/x` → `https://h:443/x`, `http://h/x` → `http://h:80/x`);
 *  - withLegacyQuerystring of each: the query decoded and encoded again by Node's legacy
 *    `querystring` module (`parse` then `stringify`), because `new URL()` escapes some characters
 *    the back end signed as they were, and the back end escapes some that URL keeps
 *    (`test=param'WithQuote` and `test=param%27WithQuote` verify against each other).
 * The URL as captured (and its port counterpart) come first: it is what was on the wire, and the
 * SDK's `new URL()` forms equal it for ordinary URLs.
 * Source: https://github.com/twilio/twilio-node/blob/main/src/webhooks/webhooks.ts
 *   (validateRequest, addPort, removePort, buildUrlWithStandardPort, withLegacyQuerystring), and
 *   its spec/unit/webhooks/webhooks.spec.js ("a query param containing an (un)escaped single quote").
 */
import { parse, stringify } from 'node:querystring';

export interface UrlForm {
  url: string;
  /** How this form differs from the URL as captured; null for the URL itself. */
  change: string | null;
  /** Why Twilio's SDK accepts it (shown when it is the form that matched). */
  why: string | null;
}

const PORT_WHY = "Twilio's SDK accepts the URL with and without its port (its back end signs either)";
const NORMALISED_WHY = "Twilio's SDK checks the URL as new URL() writes it (which escapes ' and a few other characters), with and without its port";
const LEGACY_WHY = "Twilio's SDK also tries the query re-encoded by Node's legacy querystring (its back end escapes some characters differently from new URL())";
const AUTHORITY = /^(https?):\/\/([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?(.*)$/is;

/** The URL as captured and its port counterpart, from the text itself (nothing re-encoded). */
function capturedForms(url: string): UrlForm[] {
  const m = AUTHORITY.exec(url);
  if (!m) return [{ url, change: null, why: null }];
  const [, scheme = '', userinfo = '', host = '', port, rest = ''] = m;
  const base = `${scheme}://${userinfo}${host}`;
  if (port !== undefined) {
    return [
      { url, change: null, why: null },
      { url: `${base}${rest}`, change: `the URL with the port :${port} removed`, why: PORT_WHY },
    ];
  }
  const std = scheme.toLowerCase() === 'https' ? '443' : '80';
  return [
    { url, change: null, why: null },
    { url: `${base}:${std}${rest}`, change: `the URL with the default port :${std} added`, why: PORT_WHY },
  ];
}

/** twilio-node's removePort: `new URL()`'s serialisation without a port. */
function removePort(parsed: URL): string {
  const copy = new URL(parsed.toString());
  copy.port = '';
  return copy.toString();
}

/** twilio-node's addPort / buildUrlWithStandardPort (`URL` itself drops a default port). */
function addPort(parsed: URL): string {
  if (parsed.port) return parsed.toString();
  const port = parsed.protocol === 'https:' ? ':443' : ':80';
  const credentials = parsed.username || parsed.password ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  return `${parsed.protocol}//${credentials}${parsed.host}${port}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** twilio-node's withLegacyQuerystring: the query through `querystring.parse` and `stringify`. */
function withLegacyQuerystring(url: string): string {
  const parsed = new URL(url);
  if (!parsed.search) return url;
  const query = parse(parsed.search.slice(1));
  parsed.search = '';
  return `${parsed.toString()}?${stringify(query)}`;
}

export function twilioUrlForms(url: string): UrlForm[] {
  const forms = capturedForms(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return forms;
  }
  const withoutPort = removePort(parsed);
  const withPort = addPort(parsed);
  const portNote = (form: string) => (form === withoutPort ? 'without a port' : 'with its port');
  const sdk: UrlForm[] = [
    { url: withoutPort, change: 'the URL as new URL() writes it, without a port', why: NORMALISED_WHY },
    { url: withPort, change: 'the URL as new URL() writes it, with its port', why: NORMALISED_WHY },
    // As in the SDK, the legacy form of a default-port URL loses the port again (new URL() drops it).
    ...[withoutPort, withPort].map((form) => ({ url: withLegacyQuerystring(form), change: `the URL with its query re-encoded by Node's legacy querystring, ${portNote(form)}`, why: LEGACY_WHY })),
  ];
  const seen = new Set(forms.map((f) => f.url));
  for (const form of sdk) {
    if (seen.has(form.url)) continue;
    seen.add(form.url);
    forms.push(form);
  }
  return forms;
}
