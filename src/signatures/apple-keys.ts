/**
 * Apple's published public keys for attribution postbacks (base64 DER SubjectPublicKeyInfo),
 * built in so SKAdNetwork / AdAttributionKit verification works offline.
 */

/**
 * SKAdNetwork 1.0 and 2.0 postbacks: NIST P-192.
 * Source: https://developer.apple.com/documentation/storekit/skadnetwork-1-release-notes
 *         https://developer.apple.com/documentation/storekit/skadnetwork-2-release-notes
 */
export const APPLE_SKAN_P192 =
  'MEkwEwYHKoZIzj0CAQYIKoZIzj0DAQEDMgAEMyHD625uvsmGq4C43cQ9BnfN2xslVT5V1nOmAMP6qaRRUll3PB1JYmgSm+62sosG';

/**
 * SKAdNetwork 2.1 and later postbacks: NIST P-256. The same key signs production
 * AdAttributionKit postbacks (kid apple-cas-identifier/0).
 * Source: https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback
 *         https://developer.apple.com/documentation/adattributionkit/verifying-a-postback
 */
export const APPLE_SKAN_P256 =
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEWdp8GPcGqmhgzEFj9Z2nSpQVddayaPe4FMzqM9wib1+aHaaIzoHoLN9zW4K8y4SPykE3YVK3sVqW6Af0lfx3gg==';

export interface AakKey {
  der: string;
  environment: 'production' | 'development';
  note: string;
}

/**
 * AdAttributionKit JWS keys by `kid`.
 * Source: https://developer.apple.com/documentation/adattributionkit/verifying-a-postback
 */
export const APPLE_AAK_KEYS: Readonly<Record<string, AakKey>> = {
  'apple-cas-identifier/0': { der: APPLE_SKAN_P256, environment: 'production', note: 'production postbacks' },
  'apple-development-identifier/0': {
    der: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELeEDzpJEP+/qRSE5hJVC1p1J0ssUnQGMzBBbvnACBok8OVGGLgxL0myrKiy6lvRtSlLRsWit87i+vftD8AEqeQ==',
    environment: 'development',
    note: 'development postbacks from end-to-end test flows',
  },
  'apple-development-identifier/1': {
    der: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8YzdO7eM97s/IJ25kdW5CZ3A14USE5IJ5Ha/vhWaxI6UBI1ZxCEvjrKxVluVGe6qWwF1BDFq+QHqKfH5u+wxHQ==',
    environment: 'development',
    note: 'development postbacks generated from the device Developer settings',
  },
};
