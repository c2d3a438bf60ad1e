/**
 * Registry of signature schemes. Profiles store a scheme id plus JSON options; the
 * receiver/sender look the scheme up here. Everything is pure (node:crypto only).
 */
import { adAttributionKitScheme } from './adattributionkit.js';
import { concatHashScheme } from './concat-hash.js';
import { hmacScheme } from './hmac.js';
import { ayetScheme } from './presets/ayet.js';
import { bitlabsScheme } from './presets/bitlabs.js';
import { cpxScheme } from './presets/cpx.js';
import { fyberScheme } from './presets/fyber.js';
import { githubScheme } from './presets/github.js';
import { ironsourceScheme } from './presets/ironsource.js';
import { shopifyScheme } from './presets/shopify.js';
import { standardWebhooksScheme } from './presets/standard-webhooks.js';
import { stripeScheme } from './presets/stripe.js';
import { tapjoyScheme } from './presets/tapjoy.js';
import { twilioScheme } from './presets/twilio.js';
import { skadnetworkScheme } from './skadnetwork.js';
import type { Scheme } from './types.js';

const SCHEMES: readonly Scheme[] = [
  hmacScheme,
  concatHashScheme,
  githubScheme,
  shopifyScheme,
  stripeScheme,
  standardWebhooksScheme,
  twilioScheme,
  tapjoyScheme,
  ironsourceScheme,
  fyberScheme,
  ayetScheme,
  bitlabsScheme,
  cpxScheme,
  skadnetworkScheme,
  adAttributionKitScheme,
];

const BY_ID = new Map(SCHEMES.map((s) => [s.id, s]));

export function getScheme(id: string): Scheme | undefined {
  return BY_ID.get(id);
}

export function listSchemes(): Array<{ id: string; label: string; sources: readonly string[] }> {
  return SCHEMES.map((s) => ({ id: s.id, label: s.label, sources: s.sources }));
}

export type * from './types.js';
export { SignatureConfigError } from './types.js';
export type { HmacOptions, TimestampSpec } from './hmac.js';
export type { ConcatHashOptions } from './concat-hash.js';
export type { MessageSpec, ParamEncoding } from './canonical.js';
export type { StripeOptions } from './presets/stripe.js';
export type { StandardWebhooksOptions } from './presets/standard-webhooks.js';
export type { TwilioOptions } from './presets/twilio.js';
export type { SkadnetworkOptions } from './skadnetwork.js';
export type { AdAttributionKitOptions } from './adattributionkit.js';
export { makeVisible } from './visible.js';
export {
  adAttributionKitScheme, ayetScheme, bitlabsScheme, concatHashScheme, cpxScheme, fyberScheme, githubScheme, hmacScheme,
  ironsourceScheme, shopifyScheme, skadnetworkScheme, standardWebhooksScheme, stripeScheme, tapjoyScheme, twilioScheme,
};
