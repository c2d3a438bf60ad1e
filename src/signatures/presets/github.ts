/**
 * GitHub webhooks: X-Hub-Signature-256 = 'sha256=' + hex HMAC-SHA256 of the raw body.
 * Source: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 * (published example: secret "It's a Secret to Everybody", payload "Hello, World!").
 */
import { createHmacScheme, HMAC_DEFAULTS } from '../hmac.js';

export const githubScheme = createHmacScheme(
  'github',
  'GitHub (X-Hub-Signature-256)',
  ['https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries'],
  {
    ...HMAC_DEFAULTS,
    algorithm: 'sha256',
    message: { kind: 'raw-body' },
    output: 'hex',
    prefix: 'sha256=',
    signature: { in: 'header', name: 'X-Hub-Signature-256' },
  },
);
