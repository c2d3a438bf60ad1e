/**
 * How partners write their conversion times, per preset: the format of each time param and the
 * zone of formats that carry none. Data, each entry citing where the partner says so; a param
 * not listed here is read by shape (src/metrics/time-formats.ts readUnknown), zoneless as UTC.
 */
import type { TimeFormat } from './time-formats.js';

export interface PartnerTime {
  /** Endpoint or profile preset id (src/endpoints/presets, src/checks/presets). */
  preset: string;
  /** Param names, in order of preference. */
  params: readonly string[];
  format: TimeFormat;
  source: string;
}

export const PARTNER_TIMES: readonly PartnerTime[] = [
  {
    // ironSource's callback placeholder [TIMESTAMP] is YYYYMMDDHHMM (issue 12; read as unix ms it
    // landed in 1976). The zone is not stated on the callback page: UTC, like ironSource's reporting.
    preset: 'ironsource-offerwall',
    params: ['timestamp'],
    format: { kind: 'compact', digits: 12, zone: 'UTC' },
    source: 'https://docs.unity.com/grow/en-us/levelplay/platform/settings/event-handlers ([TIMESTAMP] of the commission callback)',
  },
  {
    // AppsFlyer's event_time / install_time macros are "yyyy-MM-dd HH:mm:ss(.SSS)" in UTC, written
    // without a zone designator (reading them as local time shifted every response time by the offset).
    preset: 'appsflyer-partner',
    params: ['event_time', 'install_time', 'click_time'],
    format: { kind: 'iso', zone: 'UTC' },
    source: 'https://support.appsflyer.com/hc/en-us/articles/360016751637 (event_time macro; AppsFlyer times are UTC)',
  },
  {
    // Adjust placeholders {created_at} and {installed_at} are unix seconds.
    preset: 'adjust-partner',
    params: ['created_at', 'installed_at'],
    format: { kind: 'unix-s' },
    source: 'https://help.adjust.com/en/article/placeholders-for-partners ({created_at}, {installed_at}: unix timestamps)',
  },
];

export interface TimeParamFormat {
  name: string;
  format: TimeFormat;
}

/** The documented time params of the given presets, in the order the presets are given. */
export function partnerTimeParams(presets: ReadonlyArray<string | null | undefined>): TimeParamFormat[] {
  const out: TimeParamFormat[] = [];
  for (const preset of presets) {
    if (!preset) continue;
    for (const entry of PARTNER_TIMES) if (entry.preset === preset) for (const name of entry.params) out.push({ name, format: entry.format });
  }
  return out;
}
