/**
 * Shopify webhooks: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body,
 * keyed with the app's client secret (used as text).
 * Source: https://shopify.dev/docs/apps/build/webhooks/verify-deliveries
 * No worked example with a secret and expected digest is published there.
 */
import { createHmacScheme, HMAC_DEFAULTS } from '../hmac.js';

export const shopifyScheme = createHmacScheme(
  'shopify',
  'Shopify (X-Shopify-Hmac-Sha256)',
  ['https://shopify.dev/docs/apps/build/webhooks/verify-deliveries'],
  {
    ...HMAC_DEFAULTS,
    algorithm: 'sha256',
    message: { kind: 'raw-body' },
    output: 'base64',
    signature: { in: 'header', name: 'X-Shopify-Hmac-Sha256' },
  },
);
