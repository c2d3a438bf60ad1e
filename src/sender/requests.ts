import { randomUUID } from 'node:crypto';
import type { RawHeaders } from '../model/exchange.js';
import type { OutboxSettings, RetryPolicy, SendPreview, SuccessRule, TemplateSpec, Transport } from '../model/sender.js';
import type { ExchangeRecord } from '../store/exchange-record.js';
import { binaryStringToDisplay, isValidUtf8 } from '../shared/binary-string.js';
import { splitTarget } from '../shared/query-params.js';
import { exactSentHeaders } from './exact-transport.js';
import { expandTemplate, type CompiledTemplate, type Expansion } from './expand.js';
import { pooledRefusal, pooledSentHeaders } from './pooled-transport.js';
import type { Signer } from './sign-request.js';
import type { WireRequest } from './transport.js';
import type { ValueResolver } from './values.js';
import { headerValue } from '../http/headers.js';

/** Settings the sender applies when neither the send nor the template says otherwise. */
export interface SenderDefaults {
  timeoutMs: number;
  followRedirects: boolean;
  insecureTls: boolean;
  timeScale: number;
  idempotencyHeader: string | null;
}

/** Per-send overrides (API, CLI, bulk). */
export interface SendOverrides {
  retry?: RetryPolicy;
  success?: SuccessRule;
  timeoutMs?: number;
  followRedirects?: boolean;
  insecureTls?: boolean;
  timeScale?: number;
}

/** Everything needed to queue and deliver one postback, and to show it first. */
export interface Prepared {
  wire: WireRequest;
  transport: Transport;
  /** Headers as the transport writes them: what is stored as "sent". */
  sent: RawHeaders;
  settings: OutboxSettings;
  idempotencyKey: string;
  correlation: string | null;
  url: string;
  /** What stops the send (unless "send anyway"). */
  problems: SendPreview['problems'];
  /** Built on first use: bulk runs never look at most of them. */
  readonly preview: SendPreview;
  /** Why it cannot be sent even with "send anyway" (no usable destination), or null. */
  unsendable: string | null;
}

export function settingsFor(spec: Partial<TemplateSpec>, overrides: SendOverrides, defaults: SenderDefaults, success: SuccessRule): OutboxSettings {
  return {
    retry: overrides.retry ?? spec.retry ?? { kind: 'none' },
    success,
    timeoutMs: overrides.timeoutMs ?? spec.timeoutMs ?? defaults.timeoutMs,
    followRedirects: overrides.followRedirects ?? spec.followRedirects ?? defaults.followRedirects,
    insecureTls: overrides.insecureTls ?? defaults.insecureTls,
    timeScale: overrides.timeScale ?? defaults.timeScale,
  };
}

const settingsCache = new WeakMap<CompiledTemplate, { overrides: SendOverrides; success: SuccessRule; settings: OutboxSettings }>();

/** The same settings object for every postback of a run (same template, overrides and rule): serialised once when stored. */
function sharedSettings(compiled: CompiledTemplate, overrides: SendOverrides, defaults: SenderDefaults, success: SuccessRule): OutboxSettings {
  const cached = settingsCache.get(compiled);
  if (cached && cached.overrides === overrides && cached.success === success) return cached.settings;
  const settings = settingsFor(compiled.spec, overrides, defaults, success);
  settingsCache.set(compiled, { overrides, success, settings });
  return settings;
}

/** Expands a template for one postback and decides how it goes out. */
export function prepareFromTemplate(
  compiled: CompiledTemplate,
  resolver: ValueResolver,
  overrides: SendOverrides,
  defaults: SenderDefaults,
  signer?: Signer,
  /** Appended after the template's own (a bulk run's failure marker): before signing, so a signature over headers stays valid. */
  extraHeaders: RawHeaders = [],
): Prepared {
  const expansion = expandTemplate(compiled, resolver);
  const idempotencyKey = randomUUID();
  const headerName = compiled.spec.idempotencyHeader === undefined ? defaults.idempotencyHeader : compiled.spec.idempotencyHeader;
  const headers = expansion.headers.slice();
  if (headerName && headerValue(headers, headerName) === null) headers.push([headerName, idempotencyKey]);
  for (const header of extraHeaders) headers.push(header);
  const settings = sharedSettings(compiled, overrides, defaults, overrides.success ?? expansion.success);
  let wire: WireRequest = { method: expansion.method, origin: expansion.origin ?? 'http://invalid', target: expansion.target, headers, body: expansion.body };
  const profileId = compiled.spec.profileId;
  if (profileId !== undefined && profileId !== null && signer && expansion.origin !== null) {
    // Signed last, over the exact bytes that will be sent.
    const signed = signer(profileId, wire);
    if (signed.ok) {
      wire = signed.wire;
      expansion.notes.push(signed.note);
    } else {
      expansion.problems.push({ code: 'signature', message: signed.message });
    }
  }
  return finishPrepared(wire, null, settings, idempotencyKey, expansion.correlation, expansion);
}

/** A request given whole (replays): always the exact transport, nothing expanded. */
export function prepareExact(wire: WireRequest, settings: OutboxSettings, correlation: string | null, notes: string[]): Prepared {
  return finishPrepared(wire, 'exact', settings, randomUUID(), correlation, null, notes);
}

function finishPrepared(
  wire: WireRequest,
  forced: Transport | null,
  settings: OutboxSettings,
  idempotencyKey: string,
  correlation: string | null,
  expansion: Expansion | null,
  extraNotes: string[] = [],
): Prepared {
  const notes = [...(expansion?.notes ?? []), ...extraNotes];
  let transport: Transport = forced ?? 'pooled';
  const refusal = pooledRefusal(wire.headers);
  if (!forced && refusal) {
    transport = 'exact';
    notes.push(`Sent over the exact transport (one connection, bytes as given) because undici will not send ${refusal} as written.`);
  }
  if (transport === 'exact' && settings.followRedirects) notes.push('Redirects are not followed on the exact transport.');
  return new PreparedRequest(wire, transport, settings, idempotencyKey, correlation, expansion, notes);
}

/** A class, not an object literal with a getter: built once per postback in bulk runs. */
class PreparedRequest implements Prepared {
  readonly sent: RawHeaders;
  readonly url: string;
  readonly problems: SendPreview['problems'];
  readonly unsendable: string | null;
  private built: SendPreview | null = null;

  constructor(
    readonly wire: WireRequest,
    readonly transport: Transport,
    readonly settings: OutboxSettings,
    readonly idempotencyKey: string,
    readonly correlation: string | null,
    private readonly expansion: Expansion | null,
    private readonly notes: string[],
  ) {
    const usable = expansion?.origin !== null;
    this.sent = !usable ? wire.headers : transport === 'exact' ? exactSentHeaders(wire) : pooledSentHeaders(wire);
    this.url = `${wire.origin}${binaryStringToDisplay(wire.target)}`;
    this.problems = expansion?.problems ?? [];
    this.unsendable = usable ? null : (this.problems.find((p) => p.code === 'invalid-url')?.message ?? 'no destination URL');
  }

  get preview(): SendPreview {
    const { wire, expansion } = this;
    this.built ??= {
      method: wire.method,
      url: this.unsendable === null ? this.url : (expansion?.url ?? this.url),
      transport: this.transport,
      rawHeaders: this.sent.map(([n, v]) => [n, binaryStringToDisplay(v)]),
      body: wire.body.toString('base64'),
      bodyText: isValidUtf8(wire.body) ? wire.body.toString('utf8') : null,
      macros: expansion?.macros ?? [],
      problems: this.problems,
      success: this.settings.success,
      retry: this.settings.retry,
      notes: this.notes,
    };
    return this.built;
  }
}

/** The out exchange for a prepared postback: the request as it goes on the wire, no response yet. */
export function outboundExchange(
  prepared: Prepared,
  now: number,
  answer: Pick<ExchangeRecord, 'response' | 'durationMs' | 'answeredBy'> = { response: null, durationMs: 0, answeredBy: 'sender: queued' },
): ExchangeRecord {
  const { hostname, port } = originParts(prepared.wire.origin);
  const contentType = headerValue(prepared.sent, 'content-type');
  return {
    direction: 'out',
    method: prepared.wire.method,
    target: prepared.wire.target,
    path: splitTarget(prepared.wire.target).path,
    httpVersion: '1.1',
    rawHeaders: prepared.sent,
    contentType,
    body: prepared.wire.body,
    bodySize: prepared.wire.body.length,
    // For an out exchange the "remote" is the destination.
    remoteAddress: hostname,
    remotePort: port,
    receivedAt: now,
    durationMs: answer.durationMs,
    rejected: null,
    response: answer.response,
    answeredBy: answer.answeredBy,
    endpointId: null,
    correlation: prepared.correlation,
  };
}

/** What a transport needs to send a stored out exchange again (retries after a restart). */
export function wireFromStored(method: string, url: string, target: string, sent: RawHeaders, body: Buffer, transport: Transport): WireRequest {
  // The stored URL is origin + target; the target always starts with `/`.
  const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url)?.[0] ?? url;
  // The pooled transport computes host/connection/content-length itself, from these same values.
  const headers = transport === 'exact' ? sent : sent.filter(([n]) => n.toLowerCase() !== 'content-length');
  return { method, origin, target, headers, body };
}

const parsedOrigins = new Map<string, { hostname: string; port: number }>();

/** Host name and port of an origin, parsed once per origin (bulk runs reuse a handful). */
export function originParts(origin: string): { hostname: string; port: number } {
  let parts = parsedOrigins.get(origin);
  if (!parts) {
    const url = new URL(origin);
    parts = { hostname: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
    if (parsedOrigins.size > 1000) parsedOrigins.clear();
    parsedOrigins.set(origin, parts);
  }
  return parts;
}
