/**
 * Reads what the metrics need of a batch of exchanges in a handful of queries (exchange columns
 * without bodies, outbox row, verdict, indexed params, attempts) and turns each into a Base.
 */
import type { FailureReason } from '../model/metrics.js';
import type { Db } from '../store/open-database.js';
import { reversalEventSet } from './conversions.js';
import { currencyOf, eventOf, keyOf, macroCount, readConversionTime, valueOf, type TimeParam } from './extract.js';
import { partnerTimeParams } from './partner-times.js';
import type { Base, OutState } from './fact.js';
import { answerReason, attemptReason, type AttemptFacts } from './reasons.js';

interface ExchangeRow {
  id: number;
  direction: 'in' | 'out';
  received_at: number;
  endpoint_id: number | null;
  template_id: number | null;
  correlation: string | null;
  rejected: string | null;
  response_status: number | null;
  outbox_id: number | null;
  o_template_id: number | null;
  o_state: OutState | null;
  o_attempts: number | null;
  o_created_at: number | null;
  o_delivered_at: number | null;
  o_last_status: number | null;
  verdict: 'pass' | 'fail' | 'none' | null;
  v_profile_id: number | null;
  v_privacy: 0 | 1 | null;
}

interface AttemptRow extends AttemptFacts {
  outbox_id: number;
}

/** Per-batch lookups of the small configuration tables (endpoints, templates, profiles). */
interface Lookups {
  endpoint: Map<number, { profileId: number | null; keys: string[]; preset: string | null }>;
  templateProfile: Map<number, number | null>;
  profile: Map<number, ProfileLookup>;
}

interface ProfileLookup {
  times: TimeParam[];
  values: string[];
  currencies: string[];
  keys: string[];
  preset: string | null;
  /** Events (lower case) that take back an earlier conversion of the key. */
  reversals: ReadonlySet<string>;
}

/**
 * 1 when the stored verdict (its detail JSON, src/model/verdict.ts) holds a privacy-* issue. Read
 * in SQL so the verdict's detail never crosses into JavaScript for the other captures.
 */
const PRIVACY_FINDING = `EXISTS (SELECT 1 FROM json_each(v.detail, '$.issues') i WHERE json_extract(i.value, '$.code') LIKE 'privacy-%')`;

const select = `SELECT e.id, e.direction, e.received_at, e.endpoint_id, e.template_id, e.correlation, e.rejected, e.response_status,
    o.id AS outbox_id, o.template_id AS o_template_id, o.state AS o_state, o.attempts AS o_attempts, o.created_at AS o_created_at,
    o.delivered_at AS o_delivered_at, o.last_status AS o_last_status, v.status AS verdict, v.profile_id AS v_profile_id,
    ${PRIVACY_FINDING} AS v_privacy
  FROM exchanges e LEFT JOIN outbox o ON o.exchange_id = e.id LEFT JOIN verdicts v ON v.exchange_id = e.id`;

export class BaseLoader {
  private readonly range;
  private readonly byIds;
  private readonly paramsRange;
  private readonly paramsIds;
  private readonly attemptsOf;
  private readonly endpoints;
  private readonly templates;
  private readonly profiles;

  constructor(db: Db) {
    this.range = db.prepare(`${select} WHERE e.id > ? AND e.id <= ? ORDER BY e.id LIMIT ?`);
    this.byIds = db.prepare(`${select} WHERE e.id IN (SELECT value FROM json_each(?))`);
    // Raw rows (arrays): a million exchanges have several million params, objects would cost GC.
    this.paramsRange = db.prepare(`SELECT exchange_id, name, value FROM exchange_params WHERE exchange_id > ? AND exchange_id <= ?`).raw();
    this.paramsIds = db.prepare(`SELECT exchange_id, name, value FROM exchange_params WHERE exchange_id IN (SELECT value FROM json_each(?))`).raw();
    // An open attempt (request on the wire) is not a result yet; closing it re-counts the exchange (metrics_outbox_changed).
    this.attemptsOf = db.prepare(`SELECT outbox_id, status, error_code AS errorCode, outcome FROM attempts WHERE outbox_id IN (SELECT value FROM json_each(?)) AND outcome <> 'in_flight' ORDER BY outbox_id, number, id`);
    this.endpoints = db.prepare(`SELECT id, definition FROM endpoints`);
    this.templates = db.prepare(`SELECT id, spec FROM templates`);
    this.profiles = db.prepare(`SELECT id, definition FROM profiles`);
  }

  /** Exchanges after `afterId` up to `throughId`, at most `limit`, in id order. */
  loadRange(afterId: number, throughId: number, limit: number): Base[] {
    const rows = this.range.all(afterId, throughId, limit) as ExchangeRow[];
    if (rows.length === 0) return [];
    const params = this.paramsRange.all(afterId, rows[rows.length - 1]!.id) as ParamRow[];
    return this.build(rows, params);
  }

  /** The given exchanges; ids that no longer exist are absent from the result. */
  loadIds(ids: readonly number[]): Base[] {
    if (ids.length === 0) return [];
    const json = JSON.stringify(ids);
    return this.build(this.byIds.all(json) as ExchangeRow[], this.paramsIds.all(json) as ParamRow[]);
  }

  private build(rows: ExchangeRow[], paramRows: ParamRow[]): Base[] {
    const lookups = this.lookups();
    const params = new Map<number, Array<[string, string]>>();
    for (const [id, name, value] of paramRows) {
      let list = params.get(id);
      if (!list) params.set(id, (list = []));
      list.push([name, value]);
    }
    const outboxIds = rows.filter((r) => r.outbox_id !== null).map((r) => r.outbox_id!);
    const attempts = new Map<number, AttemptFacts[]>();
    if (outboxIds.length) {
      for (const a of this.attemptsOf.all(JSON.stringify(outboxIds)) as AttemptRow[]) {
        let list = attempts.get(a.outbox_id);
        if (!list) attempts.set(a.outbox_id, (list = []));
        list.push(a);
      }
    }
    return rows.map((r) => toBase(r, params.get(r.id) ?? [], r.outbox_id === null ? [] : (attempts.get(r.outbox_id) ?? []), lookups));
  }

  private lookups(): Lookups {
    const endpoint = new Map<number, { profileId: number | null; keys: string[]; preset: string | null }>();
    for (const row of this.endpoints.all() as Array<{ id: number; definition: string }>) {
      const d = parse<{ profileId?: number | null; correlationKeys?: string[]; preset?: string }>(row.definition);
      endpoint.set(row.id, { profileId: d.profileId ?? null, keys: d.correlationKeys ?? [], preset: d.preset ?? null });
    }
    const templateProfile = new Map<number, number | null>();
    for (const row of this.templates.all() as Array<{ id: number; spec: string }>) templateProfile.set(row.id, parse<{ profileId?: number | null }>(row.spec).profileId ?? null);
    const profile = new Map<number, ProfileLookup>();
    for (const row of this.profiles.all() as Array<{ id: number; definition: string }>) {
      const d = parse<{ params?: Array<{ name: string; type?: string; unit?: 's' | 'ms' }>; amounts?: { payout?: string[]; revenue?: string[]; currency?: string[] }; correlationKeys?: string[]; preset?: string; reversalEvents?: string[] }>(row.definition);
      profile.set(row.id, {
        times: (d.params ?? []).filter((p) => p.type === 'timestamp').map((p) => (p.unit ? { name: p.name, unit: p.unit } : { name: p.name })),
        values: [...(d.amounts?.payout ?? []), ...(d.amounts?.revenue ?? [])],
        currencies: d.amounts?.currency ?? [],
        keys: d.correlationKeys ?? [],
        preset: d.preset ?? null,
        reversals: reversalEventSet(Array.isArray(d.reversalEvents) ? d.reversalEvents : []),
      });
    }
    return { endpoint, templateProfile, profile };
  }
}

type ParamRow = [exchangeId: number, name: string, value: string];

function parse<T>(json: string): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return {} as T;
  }
}

function toBase(r: ExchangeRow, params: Array<[string, string]>, attempts: AttemptFacts[], l: Lookups): Base {
  const endpoint = r.endpoint_id === null ? undefined : l.endpoint.get(r.endpoint_id);
  const templateId = r.template_id ?? r.o_template_id;
  const profileId = r.v_profile_id ?? endpoint?.profileId ?? (templateId === null ? null : (l.templateProfile.get(templateId) ?? null));
  const profile = profileId === null ? undefined : l.profile.get(profileId);
  const reasons: Partial<Record<FailureReason, number>> = {};
  let lastReason: FailureReason | null = null;
  if (r.direction === 'out') {
    for (const a of attempts) {
      const reason = attemptReason(a);
      if (reason) (reasons[reason] = (reasons[reason] ?? 0) + 1), (lastReason = reason);
    }
  } else {
    lastReason = answerReason(r.response_status, r.rejected);
    if (lastReason) reasons[lastReason] = 1;
  }
  // The id param as sent/captured; failing that, the key the sender matched on (its macro values,
  // e.g. click_id sent as `sub1`). A capture's own correlation string mixes in the event, so not that.
  const key = keyOf(params, [...(endpoint?.keys ?? []), ...(profile?.keys ?? [])]) ?? (r.direction === 'out' ? r.correlation : null);
  const raw = eventOf(params);
  const event = raw === null ? null : raw.toLowerCase();
  const time = readConversionTime(params, profile?.times, partnerTimeParams([profile?.preset, endpoint?.preset]));
  return {
    id: r.id,
    direction: r.direction,
    at: r.received_at,
    endpointId: r.endpoint_id,
    templateId,
    profileId,
    key,
    event,
    value: valueOf(params, profile?.values),
    currency: currencyOf(params, profile?.currencies),
    paramTime: time.ms,
    timeProblem: time.problem,
    enqueuedAt: r.o_created_at,
    // An out exchange without an outbox row (its send never got that far) counts as not delivered yet.
    state: r.direction === 'out' ? (r.o_state ?? 'pending') : null,
    deliveredAt: r.o_delivered_at,
    attempts: r.direction === 'out' ? (r.o_attempts ?? 0) : 1,
    reasons,
    lastReason,
    status: r.direction === 'out' ? r.o_last_status : r.response_status,
    rejected: r.rejected !== null,
    verdict: r.direction === 'in' ? r.verdict : null,
    macroTokens: macroCount(params),
    privacyFinding: r.direction === 'in' && r.v_privacy === 1,
    // Only what we capture: a chargeback we send is a postback to deliver like any other.
    reversal: r.direction === 'in' && event !== null && (profile?.reversals.has(event) ?? false),
  };
}
