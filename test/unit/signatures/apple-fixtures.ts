/**
 * Apple's example postbacks with Apple's real signatures.
 *   4.0: https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback
 *   3.0: https://developer.apple.com/documentation/storekit/combining-parameters-for-skadnetwork-3-postbacks
 *   2.2: https://developer.apple.com/documentation/storekit/combining-parameters-for-previous-skadnetwork-postback-versions
 *   2.1: the 2.1 example of the earlier revision of Apple's verifying page (same ids, P-256 key)
 *   AdAttributionKit: https://developer.apple.com/documentation/adattributionkit/identifying-the-parameters-in-a-postback
 * 1.0 and 2.0: Apple's pages carry no valid example (the 2.0 one is malformed JSON, see
 * developer.apple.com/forums/thread/657368); these two are real network postbacks used as
 * test data by public verifiers (github.com/…/skanpostback), signed with Apple's P-192 key.
 */
export const skan40Fine = {
  version: '4.0', 'ad-network-id': 'com.example', 'source-identifier': '5239', 'app-id': 525463029,
  'transaction-id': '6aafb7a5-0170-41b5-bbe4-fe71dedf1e30', redownload: false, 'source-domain': 'example.com',
  'fidelity-type': 1, 'did-win': true, 'conversion-value': 63, 'postback-sequence-index': 0,
  'attribution-signature': 'MEUCIGRmSMrqedNu6uaHyhVcifs118R5z/AB6cvRaKrRRHWRAiEAv96ne3dKQ5kJpbsfk4eYiePmrZUU6sQmo+7zfP/1Bxo=',
};
export const skan40Coarse = {
  version: '4.0', 'ad-network-id': 'com.example', 'source-identifier': '39', 'app-id': 525463029,
  'transaction-id': '6aafb7a5-0170-41b5-bbe4-fe71dedf1e31', redownload: false, 'source-domain': 'example.com',
  'fidelity-type': 1, 'did-win': true, 'coarse-conversion-value': 'high', 'postback-sequence-index': 0,
  'attribution-signature': 'MEUCIQD4rX6eh38qEhuUKHdap345UbmlzA7KEZ1bhWZuYM8MJwIgMnyiiZe6heabDkGwOaKBYrUXQhKtF3P/ERHqkR/XpuA=',
};
export const skan30Win = {
  version: '3.0', 'ad-network-id': 'example123.skadnetwork', 'campaign-id': 42, 'transaction-id': '6aafb7a5-0170-41b5-bbe4-fe71dedf1e28',
  'app-id': 525463029, 'attribution-signature': 'MEYCIQD5eq3AUlamORiGovqFiHWI4RZT/PrM3VEiXUrsC+M51wIhAPMANZA9c07raZJ64gVaXhB9+9yZj/X6DcNxONdccQij',
  redownload: true, 'source-app-id': 1234567891, 'fidelity-type': 1, 'conversion-value': 20, 'did-win': true,
};
export const skan30Lose = {
  version: '3.0', 'ad-network-id': 'example123.skadnetwork', 'campaign-id': 42, 'transaction-id': 'f9ac267a-a889-44ce-b5f7-0166d11461f0',
  'app-id': 525463029, 'attribution-signature': 'MEUCIQDDetUtkyc/MiQvVJ5I6HIO1E7l598572Wljot2Onzd4wIgVJLzVcyAV+TXksGNoa0DTMXEPgNPeHCmD4fw1ABXX0g=',
  redownload: true, 'fidelity-type': 1, 'did-win': false,
};
export const skan22 = {
  version: '2.2', 'ad-network-id': 'com.example', 'campaign-id': 42, 'transaction-id': '6aafb7a5-0170-41b5-bbe4-fe71dedf1e28',
  'app-id': 525463029, 'attribution-signature': 'MEYCIQDTuQ1Z4Tpy9D3aEKbxLl5J5iKiTumcqZikuY/AOD2U7QIhAJAaiAv89AoquHXJffcieEQXdWHpcV8ZgbKN0EwV9/sY',
  redownload: true, 'source-app-id': 1234567891, 'fidelity-type': 1, 'conversion-value': 20,
};
export const skan21 = {
  version: '2.1', 'ad-network-id': 'com.example', 'campaign-id': 42, 'transaction-id': '6aafb7a5-0170-41b5-bbe4-fe71dedf1e28',
  'app-id': 525463029, 'attribution-signature': 'MEUCID6rbq3qt4GvFaAaynh5/LAcvn1d8CQTRhrZhLIxLKntAiEAo7IrvoMw6u2qDg6Tr5vIsEHXjlLkPlCOL0ojJcEh3Qw=',
  redownload: true, 'source-app-id': 1234567891, 'conversion-value': 20,
};
export const skan20Network = {
  'ad-network-id': 'v9wttpbfk9.skadnetwork', 'app-id': 1176027022,
  'attribution-signature': 'MDQCGDYZvzXjCRDEcFjJu2xd4kaOPwK+sJpUbgIYZRiWFh0Lpz7KFnF3qrXdyl9sAG8j6gne',
  'campaign-id': 75, 'conversion-value': 18, redownload: true, 'transaction-id': 'c4a69044-1c85-4755-9e25-97d8daa30c55', version: '2.0',
};
export const skan10Network = {
  'ad-network-id': 'su67r6k2v3.skadnetwork', 'app-id': 1176027022,
  'attribution-signature': 'MDMCGELMEaJCS0y1JXqjZujcMXdJel8boLV6PAIXFNKYjzROJY2CxAmU+HoPQfTJCyjoS6k=',
  'campaign-id': 51, redownload: false, 'transaction-id': '583e867c-0bc5-4980-8766-6d8cf992f24a', version: '1.0',
};
export const aakDevelopment = {
  'jws-string':
    'eyJraWQiOiJhcHBsZS1kZXZlbG9wbWVudC1pZGVudGlmaWVyXC8xIiwiYWxnIjoiRVMyNTYifQ.eyJwb3N0YmFjay1pZGVudGlmaWVyIjoiODU1NDZFQjctRkQzOS00NEJDLTg5OTAtQzk4QTRBQzM2QTQ5IiwicHVibGlzaGVyLWl0ZW0taWRlbnRpZmllciI6MCwibWFya2V0cGxhY2UtaWRlbnRpZmllciI6ImNvbS5hcHBsZS5BcHBTdG9yZSIsImltcHJlc3Npb24tdHlwZSI6ImFwcC1pbXByZXNzaW9uIiwiYWQtbmV0d29yay1pZGVudGlmaWVyIjoiZGV2ZWxvcG1lbnQuYWRhdHRyaWJ1dGlvbmtpdCIsImRpZC13aW4iOnRydWUsInBvc3RiYWNrLXNlcXVlbmNlLWluZGV4IjowLCJjb252ZXJzaW9uLXR5cGUiOiJyZS1lbmdhZ2VtZW50Iiwic291cmNlLWlkZW50aWZpZXIiOiIxMjM0IiwiYWR2ZXJ0aXNlZC1pdGVtLWlkZW50aWZpZXIiOjEwNzM4MDI3NzU2fQ.bAdNwKd6OfHK9tofvjjua4X_JPcFTxXPQSspD9gZkinw97pY7R1aI-LSjl-oxZZF3_K2H5JK5TSEBee4_1U4oQ',
  'conversion-value': 24,
  'ad-interaction-type': 'click',
  'country-code': 'US',
};
