import Type from 'typebox';
import type { MacroDialect } from './sender.js';
import { SkanConversionSchemaSchema } from './skan-conversion.js';

/**
 * Partner profiles as serialisable definitions: the UI builds and shows them without Node, the
 * checks (src/checks) and verdicts (src/verdicts) give them behaviour. A profile never holds its
 * secret: secrets live in their own table and only ever leave the API masked.
 */

export const ParamTypeSchema = Type.Union([
  Type.Literal('string'),
  Type.Literal('integer'),
  Type.Literal('decimal'),
  Type.Literal('boolean'),
  Type.Literal('enum'),
  Type.Literal('uuid'),
  Type.Literal('idfa'),
  Type.Literal('gaid'),
  Type.Literal('currency'),
  Type.Literal('country'),
  Type.Literal('timestamp'),
  Type.Literal('url'),
]);

export const ParamSpecSchema = Type.Object({
  /** Query/form name, or a dotted path into a JSON body (`user.id`). */
  name: Type.String({ minLength: 1 }),
  presence: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('forbidden')]),
  /** Default 'string'. */
  type: Type.Optional(ParamTypeSchema),
  /** Where to look: query, body (form or JSON), or query then body (default). */
  in: Type.Optional(Type.Union([Type.Literal('query'), Type.Literal('body'), Type.Literal('any')])),
  /** decimal: most digits after the separator. */
  maxDecimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 18 })),
  /** decimal: accept `12,34` too (Everflow reads a comma as the decimal separator). */
  commaDecimal: Type.Optional(Type.Boolean()),
  /** integer / decimal bounds. */
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  /** enum: the allowed values. */
  values: Type.Optional(Type.Array(Type.String())),
  /** enum, currency, country: accept another letter case. */
  caseInsensitive: Type.Optional(Type.Boolean()),
  /** timestamp: allowed distance from the capture time, in seconds (default 86400). */
  skewSec: Type.Optional(Type.Integer({ minimum: 0 })),
  /** timestamp: seconds (default) or milliseconds. */
  unit: Type.Optional(Type.Union([Type.Literal('s'), Type.Literal('ms')])),
  /** A JavaScript regular expression the decoded value must match (searched, so anchor with ^…$). */
  pattern: Type.Optional(Type.String()),
  minLength: Type.Optional(Type.Integer({ minimum: 0 })),
  maxLength: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Present with an empty value is fine. Default false. */
  allowEmpty: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String()),
});

export const MacroDialectSchema = Type.Union([
  Type.Literal('curly'),
  Type.Literal('double-curly'),
  Type.Literal('square'),
  Type.Literal('hash'),
  Type.Literal('paren'),
  Type.Literal('dollar'),
  Type.Literal('curly-arg'),
  Type.Literal('freemarker'),
  Type.Literal('double-underscore'),
  Type.Literal('double-square'),
]);

export const SignatureSpecSchema = Type.Object({
  /** A scheme id of src/signatures (`hmac`, `concat-hash`, `github`, `skadnetwork`…). */
  scheme: Type.String({ minLength: 1 }),
  /** The scheme's own options (JSON), merged over its defaults. */
  options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  /** The URL as the sender signs it (`https://partner-facing.host`), for schemes that sign the URL. */
  signedUrl: Type.Optional(Type.String()),
});

/** What "delivered" means for this partner when we send to it (same shape as the sender's rule). */
export const SuccessRuleSchema = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('2xx'), Type.Integer({ minimum: 100, maximum: 599 }), Type.Array(Type.Integer({ minimum: 100, maximum: 599 }), { minItems: 1 })])),
  body: Type.Optional(Type.Object({ mode: Type.Union([Type.Literal('equals'), Type.Literal('contains'), Type.Literal('regex')]), value: Type.String() })),
});

/** Names of the money params for the always-on payout/currency checks; an empty list turns that part off. */
export const AmountNamesSchema = Type.Object({
  payout: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  revenue: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  currency: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
});

export const ProfileInputSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String()),
  params: Type.Array(ParamSpecSchema),
  /** Params the spec does not list: ignore them, or warn (a strict partner rejects unknown params). */
  unknownParams: Type.Optional(Type.Union([Type.Literal('allow'), Type.Literal('warn')])),
  /**
   * Event values (`event=chargeback`, `refund`, `reversal`…) that take back an earlier conversion
   * of the same correlation key: the metrics net them out and reconciliation says "reversed".
   * Compared in any letter case, as the metrics store events.
   */
  reversalEvents: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  /** Privacy checks (clear PII, raw IPs, zeroed or opted-out ad ids, credentials in URLs): on unless 'off'. */
  privacyChecks: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('off')])),
  signature: Type.Optional(Type.Union([SignatureSpecSchema, Type.Null()])),
  success: Type.Optional(SuccessRuleSchema),
  macroDialect: MacroDialectSchema,
  /** Params whose values identify one conversion (click_id + event…). */
  correlationKeys: Type.Array(Type.String({ minLength: 1 })),
  amounts: Type.Optional(AmountNamesSchema),
  preset: Type.Optional(Type.String()),
  /** The partner's documented source ranges (IPv4/IPv6 CIDRs or single addresses): a capture from elsewhere fails. */
  allowedSources: Type.Optional(Type.Array(Type.String())),
  /** What the advertiser's SKAdNetwork conversion values mean, to decode captured postbacks. */
  skanConversion: Type.Optional(SkanConversionSchemaSchema),
});

export type ParamType = Type.Static<typeof ParamTypeSchema>;
export type ParamSpec = Type.Static<typeof ParamSpecSchema>;
export type ProfileMacroDialect = Type.Static<typeof MacroDialectSchema>;
/** A profile's dialect becomes a template's in the Composer: the two lists must stay one (fails to compile otherwise). */
type Agree<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type ProfileDialectIsTemplateDialect = Agree<Same<ProfileMacroDialect, MacroDialect>>;
export type SignatureSpec = Type.Static<typeof SignatureSpecSchema>;
export type ProfileSuccessRule = Type.Static<typeof SuccessRuleSchema>;
export type AmountNames = Type.Static<typeof AmountNamesSchema>;
export type ProfileInput = Type.Static<typeof ProfileInputSchema>;

export type SecretKind = 'shared' | 'public-key' | 'private-key';
export type SecretEncodingName = 'utf8' | 'hex' | 'base64';

/** What the API says about a stored secret: never the secret itself (public keys excepted: they are public). */
export interface SecretInfo {
  kind: SecretKind;
  encoding: SecretEncodingName;
  /** e.g. `••••1a2b` */
  masked: string;
  /** Only for kind 'public-key'. */
  publicKey?: string;
  updatedAt: number;
}

export interface Profile extends ProfileInput {
  id: number;
  secret: SecretInfo | null;
  createdAt: number;
  updatedAt: number;
}

export interface ProfilePreset {
  id: string;
  label: string;
  /** Where the partner documents these params (URLs, with what was taken from each). */
  sources: string[];
  description: string;
  profile: ProfileInput;
}
