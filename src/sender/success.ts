import type { SuccessRule } from '../model/sender.js';

export interface Judged {
  delivered: boolean;
  /** Which rule decided, in words for the attempts timeline. */
  verdict: string;
}

/**
 * Partners differ on what "delivered" means: any 2xx, one exact status, or a body such as `OK`,
 * `success=true;` or `<eventId>:OK`. The rule's body value arrives already expanded.
 */
export function judge(rule: SuccessRule, status: number, body: Buffer): Judged {
  const wanted = rule.status ?? '2xx';
  const statusOk = wanted === '2xx' ? status >= 200 && status < 300 : Array.isArray(wanted) ? wanted.includes(status) : status === wanted;
  const statusText = wanted === '2xx' ? 'a 2xx status' : Array.isArray(wanted) ? `status ${wanted.join(' or ')}` : `status ${wanted}`;
  if (!statusOk) return { delivered: false, verdict: `status ${status}, expected ${statusText}` };
  if (!rule.body) return { delivered: true, verdict: `status ${status} is ${statusText}` };

  const text = body.toString('utf8');
  const { mode, value } = rule.body;
  let matched: boolean;
  if (mode === 'equals') matched = text.trim() === value.trim();
  else if (mode === 'contains') matched = text.includes(value);
  else {
    try {
      matched = new RegExp(value).test(text);
    } catch (e) {
      return { delivered: false, verdict: `the success regex is invalid: ${(e as Error).message}` };
    }
  }
  const described = `body ${mode === 'equals' ? 'equal to' : mode === 'contains' ? 'containing' : 'matching'} ${JSON.stringify(value)}`;
  const shown = text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
  return matched ? { delivered: true, verdict: `status ${status} and ${described}` } : { delivered: false, verdict: `status ${status} but the body ${shown} is not a ${described}` };
}

/** Checks a rule's shape from the API before anything is stored. Returns an error message or null. */
export function validateSuccessRule(rule: unknown): string | null {
  if (rule === undefined) return null;
  if (typeof rule !== 'object' || rule === null) return 'success must be an object';
  const { status, body } = rule as SuccessRule;
  const isStatus = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 100 && (n as number) <= 599;
  if (status !== undefined && status !== '2xx' && !isStatus(status) && !(Array.isArray(status) && status.length > 0 && status.every(isStatus))) {
    return 'success.status must be "2xx", a status code or a list of status codes';
  }
  if (body !== undefined) {
    if (typeof body !== 'object' || body === null || !['equals', 'contains', 'regex'].includes(body.mode) || typeof body.value !== 'string') {
      return 'success.body must be { mode: "equals" | "contains" | "regex", value: string }';
    }
  }
  return null;
}
