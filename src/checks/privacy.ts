/**
 * Privacy checks on what a postback carries, run on every capture unless the partner's profile
 * turns them off: personal data in clear where a hash is expected (and hashes that are not the
 * SHA-256 of the normalised value sent beside them), raw IP addresses, a zeroed advertising id or
 * one sent while "limit ad tracking" is on, credentials in the URL, where logs keep them, and a
 * SKAdNetwork source-identifier with more digits than its tier allows (skan-source-identifier.ts).
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { PostbackIssue } from '../model/verdict.js';
import type { PostbackField } from './postback-fields.js';
import { skanSourceIdentifierIssues } from './skan-source-identifier.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** E.164-ish: what a phone number looks like once spaces, dashes and brackets are gone. */
const PHONE = /^\+?[1-9]\d{7,14}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const ZERO_AD_ID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

/** Names under which partners (Meta, Google, TikTok, AppsFlyer…) expect a hash, not the value. */
const HASHED_EMAIL = /^(em|email[_-]?(sha256|hash(ed)?)|(sha256|hashed)[_-]?email|hem)$/i;
const HASHED_PHONE = /^(ph|phone[_-]?(sha256|hash(ed)?)|(sha256|hashed)[_-]?phone)$/i;
const CLEAR_EMAIL = /^(e[_-]?mail|user[_-]?email)$/i;
const CLEAR_PHONE = /^(phone|phone[_-]?number|msisdn|mobile)$/i;
const AD_ID = /^(idfa|gaid|adid|aaid|advertising[_-]?id|google[_-]?aid|ifa|android[_-]?ad[_-]?id)$/i;
const LAT = /^(lat|is[_-]?lat|limit[_-]?ad[_-]?tracking|ad[_-]?tracking[_-]?limited|is[_-]?limit[_-]?ad[_-]?tracking)$/i;
const CREDENTIAL = /^(api[_-]?key|apikey|access[_-]?token|auth[_-]?token|client[_-]?secret|secret|password|passwd|pwd|private[_-]?key)$/i;

const leaf = (name: string): string => name.split('.').pop() ?? name;

export function privacyIssues(fields: readonly PostbackField[]): PostbackIssue[] {
  return [...personalData(fields), ...hashMismatches(fields), ...ipAddresses(fields), ...adIdIssues(fields), ...credentials(fields), ...skanSourceIdentifierIssues(fields)];
}

function normalisedEmail(value: string): string {
  return value.trim().toLowerCase();
}

function normalisedPhone(value: string): string {
  const digits = value.replace(/[\s().-]/g, '');
  return digits.startsWith('+') ? digits : `+${digits}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function personalData(fields: readonly PostbackField[]): PostbackIssue[] {
  const issues: PostbackIssue[] = [];
  for (const f of fields) {
    const name = leaf(f.name);
    const value = f.value.trim();
    const isEmail = EMAIL.test(value);
    const isPhone = !isEmail && PHONE.test(value.replace(/[\s().-]/g, ''));
    if (HASHED_EMAIL.test(name) || HASHED_PHONE.test(name)) {
      if (value !== '' && !SHA256_HEX.test(value)) {
        const what = isEmail ? 'an e-mail address in clear' : isPhone ? 'a phone number in clear' : `not a SHA-256 hex digest (${value.length} characters)`;
        issues.push({ code: 'privacy-unhashed', severity: 'fail', param: f.name, message: `${f.name} should carry the SHA-256 of the normalised value, but holds ${what}` });
      }
      continue;
    }
    if (isEmail) issues.push({ code: 'privacy-clear-pii', severity: 'warn', param: f.name, message: `${f.name} carries an e-mail address in clear: partners that match on it expect its SHA-256 (trimmed, lower-case)` });
    else if (isPhone && CLEAR_PHONE.test(name)) issues.push({ code: 'privacy-clear-pii', severity: 'warn', param: f.name, message: `${f.name} carries a phone number in clear: partners that match on it expect the SHA-256 of its E.164 form` });
  }
  return issues;
}

/** A clear value and its hash side by side: the hash must be of the normalised clear value. */
function hashMismatches(fields: readonly PostbackField[]): PostbackIssue[] {
  const issues: PostbackIssue[] = [];
  const pairs: Array<{ clear: RegExp; hashed: RegExp; normalise: (v: string) => string; rule: string }> = [
    { clear: CLEAR_EMAIL, hashed: HASHED_EMAIL, normalise: normalisedEmail, rule: 'trimmed, lower-case' },
    { clear: CLEAR_PHONE, hashed: HASHED_PHONE, normalise: normalisedPhone, rule: 'E.164, with the +' },
  ];
  for (const { clear, hashed, normalise, rule } of pairs) {
    const clearField = fields.find((f) => clear.test(leaf(f.name)) && f.value.trim() !== '');
    const hashField = fields.find((f) => hashed.test(leaf(f.name)) && SHA256_HEX.test(f.value.trim()));
    if (!clearField || !hashField) continue;
    const expected = sha256(normalise(clearField.value));
    if (hashField.value.trim().toLowerCase() === expected) continue;
    const raw = sha256(clearField.value);
    const cause = hashField.value.trim().toLowerCase() === raw ? ': it is the hash of the value as sent, not normalised' : '';
    issues.push({ code: 'privacy-hash-mismatch', severity: 'fail', param: hashField.name, message: `${hashField.name} is not the SHA-256 of ${clearField.name} normalised (${rule})${cause}` });
  }
  return issues;
}

function ipAddresses(fields: readonly PostbackField[]): PostbackIssue[] {
  return fields
    .filter((f) => isIP(f.value.trim()) !== 0)
    .map((f) => ({ code: 'privacy-ip-address' as const, severity: 'warn' as const, param: f.name, message: `${f.name} carries a raw IP${isIP(f.value.trim()) === 6 ? 'v6' : 'v4'} address (${f.value.trim()}): personal data under GDPR; send it only where the partner requires it` }));
}

function adIdIssues(fields: readonly PostbackField[]): PostbackIssue[] {
  const issues: PostbackIssue[] = [];
  const ids = fields.filter((f) => AD_ID.test(leaf(f.name)) && f.value.trim() !== '');
  for (const f of ids.filter((id) => ZERO_AD_ID.test(id.value.trim()))) {
    issues.push({ code: 'privacy-zeroed-ad-id', severity: 'warn', param: f.name, message: `${f.name} is all zeros: the user opted out of tracking (ATT / limit ad tracking), so it identifies nobody and must not be used to match` });
  }
  const limited = fields.find((f) => LAT.test(leaf(f.name)) && /^(1|true|yes)$/i.test(f.value.trim()));
  const live = ids.find((f) => !ZERO_AD_ID.test(f.value.trim()));
  if (limited && live) issues.push({ code: 'privacy-lat-with-id', severity: 'fail', param: live.name, message: `${limited.name}=${limited.value} says the user limited ad tracking, yet ${live.name} carries an advertising id` });
  return issues;
}

function credentials(fields: readonly PostbackField[]): PostbackIssue[] {
  return fields
    .filter((f) => f.source === 'query' && CREDENTIAL.test(leaf(f.name)) && f.value !== '')
    .map((f) => ({ code: 'privacy-credential-in-url' as const, severity: 'warn' as const, param: f.name, message: `${f.name} puts a credential in the URL, where access logs and proxies keep it: prefer a header or a signature` }));
}
