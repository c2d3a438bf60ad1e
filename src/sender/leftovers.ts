import type { RawHeaders } from '../model/exchange.js';
import type { BodyMode, MacroDialect, SendProblem } from '../model/sender.js';
import { findLeftovers } from './dialects.js';
import { percentDecodeLoose } from './encoding.js';

const encodedOpening = /%(7B|5B|23|28|24)/i;

interface Expanded {
  url: string;
  headers: RawHeaders;
  body: string;
  bodyMode: BodyMode;
  dialect: MacroDialect;
}

/**
 * Looks for macro-shaped tokens that survived expansion, in any known grammar whatever the
 * template's dialect, and also percent-encoded (`%7Bclickid%7D`): a literal `{clickid}` reaching
 * a partner is the most common postback bug. Each is a problem, so the send is refused unless the
 * user says "Send anyway". Tokens already reported as unknown macros are not reported twice.
 */
export function checkLeftovers(request: Expanded, problems: SendProblem[]): void {
  const seen = { known: null as Set<string | undefined> | null, problems, dialect: request.dialect };
  report(seen, 'URL', request.url, false);
  // Decode only when an escaped opening character ({ [ # ( $) is there to be found.
  if (encodedOpening.test(request.url)) report(seen, 'URL', percentDecodeLoose(request.url), true);
  for (const [name, value] of request.headers) report(seen, `${name} header`, value, false);
  if (request.bodyMode === 'form') {
    report(seen, 'body', request.body, false);
    if (encodedOpening.test(request.body)) report(seen, 'body', percentDecodeLoose(request.body.replace(/\+/g, ' ')), true);
  } else if (request.bodyMode !== 'none') report(seen, 'body', request.body, false);
}

interface Seen {
  /** Tokens already reported (filled on the first finding). */
  known: Set<string | undefined> | null;
  problems: SendProblem[];
  dialect: MacroDialect;
}

function report(seen: Seen, where: string, text: string, decoded: boolean): void {
  const found = findLeftovers(text, where === 'URL' ? 'url' : 'other');
  if (found.length === 0) return;
  seen.known ??= new Set(seen.problems.filter((p) => p.token).map((p) => p.token));
  for (const token of found) {
    if (seen.known.has(token)) continue;
    // Separated parenthesised names (`(click-id)`) are still prose outside the URL unless the template speaks that dialect.
    if (token.startsWith('(') && where !== 'URL' && seen.dialect !== 'paren') continue;
    seen.known.add(token);
    seen.problems.push({ code: 'unreplaced-macro', token, message: `Unreplaced macro ${token} in the ${where}${decoded ? ' (percent-encoded)' : ''}` });
  }
}
