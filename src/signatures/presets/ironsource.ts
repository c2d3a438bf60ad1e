/**
 * ironSource (LevelPlay) server-to-server reward callbacks: signature =
 * md5(timestamp + eventId + userId + rewards + privateKey), no separators.
 * Parameter names are chosen by the publisher in the callback URL; the defaults follow
 * ironSource's PHP sample ($_GET['timestamp'], 'eventId', 'applicationUserId', 'rewards',
 * 'signature'). The docs describe `signature` as "an MD5 hash string to be used for
 * authentication"; the exact concatenation is the one in their published PHP sample.
 * Source: https://developers.is.com/ironsource-mobile/general/handling-server-to-server-callback-events
 *   (now https://docs.unity.com/grow/en-us/levelplay/platform/settings/event-handlers)
 * No worked example with a key and expected signature is published.
 */
import { CONCAT_DEFAULTS, createConcatHashScheme } from '../concat-hash.js';

export const ironsourceScheme = createConcatHashScheme(
  'ironsource',
  'ironSource (md5 timestamp+eventId+userId+rewards+key)',
  [
    'https://developers.is.com/ironsource-mobile/general/handling-server-to-server-callback-events',
    'https://docs.unity.com/grow/en-us/levelplay/platform/settings/event-handlers',
  ],
  { ...CONCAT_DEFAULTS, algorithm: 'md5', fields: ['timestamp', 'eventId', 'applicationUserId', 'rewards'], separator: '', secretPosition: 'end', signature: { in: 'query', name: 'signature' } },
);
