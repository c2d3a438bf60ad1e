/**
 * Partners' retry policies as they document them, so a QA engineer can rehearse a partner's
 * behaviour (the time scale speeds them up). Each states its trigger, how its schedule counts
 * and when it gives up, next to the page it comes from. Where a partner does not publish a
 * number, the preset says so instead of inventing one.
 */
import type { RetryPreset } from '../model/sender.js';

const minute = 60_000;
const hour = 60 * minute;

/** Which failures get another attempt. */
export interface RetryTrigger {
  /** HTTP statuses retried: inclusive ranges, or 'any' status that was not a delivery. */
  statuses: 'any' | ReadonlyArray<readonly [number, number]>;
  /** Statuses never retried even under 'any' (Tapjoy: 403 means "do not retry"). */
  exceptStatuses?: readonly number[];
  /** No complete answer within the time limit. */
  timeouts: boolean;
  /** No answer at all: refused, reset, DNS, TLS. */
  connectionErrors: boolean;
}

export interface RetrySchedule {
  /** 'first-attempt': each delay is an offset from the original attempt; 'previous-attempt': a gap after the last one. */
  from: 'first-attempt' | 'previous-attempt';
  delaysMs: readonly number[];
  /** After the listed delays: another attempt every `everyMs` until `untilMs` after the first attempt. */
  repeat?: { everyMs: number; untilMs: number };
}

/** Switching a destination off after a run of failed postbacks. */
export interface DisableRule {
  after: number;
  /** The run must fit in this window (Everflow: 72 h); null: any run. */
  withinMs: number | null;
}

export interface PresetPlan {
  trigger: RetryTrigger;
  schedule: RetrySchedule;
  /** When the partner stops retrying one postback, in words. */
  giveUp: string;
  disable?: DisableRule;
  /** One line for the UI and `describePolicy`. */
  summary: string;
  source: string;
}

const FIVE_XX: RetryTrigger['statuses'] = [[500, 599]];
const never: RetrySchedule = { from: 'previous-attempt', delaysMs: [] };

export const RETRY_PRESETS: Record<RetryPreset, PresetPlan> = {
  // "A postback is retried when the response indicates an error on the receiving server-side 5XX
  // errors … retried up to four additional times in 15-minute intervals"; a response that is late
  // counts as failed too.
  appsflyer: {
    trigger: { statuses: FIVE_XX, timeouts: true, connectionErrors: true },
    schedule: { from: 'previous-attempt', delaysMs: [15, 15, 15, 15].map((m) => m * minute) },
    giveUp: 'after 4 retries (5 sends in all)',
    summary: 'AppsFlyer: 5xx or no timely answer → 4 more tries, 15 min apart',
    source: 'https://support.appsflyer.com/hc/en-us/articles/360001376085-Postback-retries',
  },
  // "Singular retries sending a postback if we receive an HTTPS response code between 500 and 559.
  // The mechanism has a maximum of 5 retries. Retries are in intervals of 1, 5, 15, 30, and 60
  // minutes from the original attempt." Timeouts and connection errors are not named: not retried.
  singular: {
    trigger: { statuses: [[500, 559]], timeouts: false, connectionErrors: false },
    schedule: { from: 'first-attempt', delaysMs: [1, 5, 15, 30, 60].map((m) => m * minute) },
    giveUp: 'after 5 retries, the last 60 min after the original attempt',
    summary: 'Singular: HTTP 500–559 → retries 1, 5, 15, 30, 60 min after the original attempt',
    source: 'https://support.singular.net/hc/en-us/articles/115000483946 (Postbacks FAQ)',
  },
  // "If your server endpoint is unavailable or returns a 5xx HTTP response, Adjust tries to resend
  // the callback up to six times over the next 24 hours" (and does not follow redirects). The count
  // and the 24 h are Adjust's; the spacing is not published, so this preset spreads the six retries
  // doubling to end 24 h after the first attempt (ours, not Adjust's).
  adjust: {
    trigger: { statuses: FIVE_XX, timeouts: true, connectionErrors: true },
    schedule: { from: 'first-attempt', delaysMs: offsets([1, 2, 4, 8, 16, 32].map((k) => Math.round((k * 24 * hour) / 63))) },
    giveUp: 'after 6 retries within 24 h of the first attempt (spacing not published by Adjust; doubling here)',
    summary: 'Adjust: unreachable or 5xx → up to 6 retries within 24 h (4xx not retried; spacing unpublished)',
    source: 'https://help.adjust.com/en/article/callbacks-checklist-partner (Automatic retry of failed callbacks)',
  },
  // Everflow partner postbacks are sent once; a postback that fails 10 times in a row within 72 h
  // is deactivated (issue 12, from Everflow's help centre; that page was not in the searchable
  // corpus when this was written, so the link is to the help centre, not the article).
  everflow: {
    trigger: { statuses: 'any', timeouts: true, connectionErrors: true },
    schedule: never,
    giveUp: 'no retry',
    disable: { after: 10, withinMs: 72 * hour },
    summary: 'Everflow: no retry; the destination is deactivated after 10 consecutive failures within 72 h',
    source: 'https://helpdesk.everflow.io (partner postbacks; article not found in the searchable corpus, numbers from issue 12)',
  },
  // Branch (help.branch.io, "What is the retry logic for webhooks?"): "Timeouts: 2 seconds. We
  // retry almost immediately and we retry only once (same for postbacks to ad partners). We will
  // retry if it's a timeout … Error codes … we don't retry those." Set the template timeout to
  // 2000 ms to rehearse it exactly.
  branch: {
    trigger: { statuses: [], timeouts: true, connectionErrors: false },
    schedule: { from: 'previous-attempt', delaysMs: [0] },
    giveUp: 'after 1 retry',
    summary: 'Branch: only a timeout (2 s at Branch) → 1 retry, almost immediately; error statuses never',
    source: 'https://help.branch.io/faq/docs/what-is-the-retry-logic-for-webhooks',
  },
  // Tapjoy self-managed currency callbacks: the server answers 200 (rewarded) or 403 (do not
  // retry); "Tapjoy will continue to retry if Tapjoy servers receive any response other than 200
  // or 403 … every 5 minutes or so for 4 days"; over 5 s is a failure; a non-UTF-8 body is
  // retried even with a 200.
  tapjoy: {
    trigger: { statuses: 'any', exceptStatuses: [403], timeouts: true, connectionErrors: true },
    schedule: { from: 'first-attempt', delaysMs: [], repeat: { everyMs: 5 * minute, untilMs: 4 * 24 * hour } },
    giveUp: 'after 4 days (about every 5 min); never after a 403',
    summary: 'Tapjoy: anything but 200/403 (or over 5 s) → every 5 min for 4 days',
    source: 'https://dev.tapjoy.com/en/support/Self-Managed-Currency (also docs.unity.com/en-us/grow/offerwall/monetization/virtual-currency/self-managed-currency)',
  },
  // Digital Turbine (DT Offer Wall, ex-Fyber) server-side rewarding: "Our system expects an HTTP
  // 200 response … All other HTTP response codes indicate a failure." Whether and when DT retries
  // a failed callback is not published on that page: this preset does not retry.
  digitalturbine: {
    trigger: { statuses: 'any', timeouts: true, connectionErrors: true },
    schedule: never,
    giveUp: 'no retry modelled: DT publishes that only 200 is success, not its retry schedule',
    summary: 'Digital Turbine: only 200 is success; retries not documented, none here',
    source: 'https://developer.digitalturbine.com/hc/en-us/articles/360010867817-Server-Side-Rewarding',
  },
  // Kochava postbacks: "Retry Attempts determines the number of times Kochava will attempt to
  // redeliver an event postback upon posting failure … from Do Not Retry to up to 10 attempts".
  // Which failures count and the spacing are not published: any failure, 1 min apart here (ours).
  kochava: {
    trigger: { statuses: 'any', timeouts: true, connectionErrors: true },
    schedule: { from: 'previous-attempt', delaysMs: Array.from({ length: 10 }, () => minute) },
    giveUp: 'after the configured Retry Attempts (0–10); trigger and spacing not published by Kochava (any failure, 1 min apart here)',
    summary: 'Kochava: up to the configured 0–10 retries; trigger and spacing unpublished (any failure, 1 min apart here)',
    source: 'https://support.kochava.com/campaign-management/create-a-kochava-certified-postback/ (Retry Attempts)',
  },
};

/** Gaps → offsets from the first attempt. */
function offsets(gaps: readonly number[]): number[] {
  let at = 0;
  return gaps.map((g) => (at += g));
}
