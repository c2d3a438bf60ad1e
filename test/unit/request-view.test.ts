import { describe, expect, it } from 'vitest';
import { correlationOf, defaultCorrelationKeys } from '../../src/endpoints/correlation.js';
import { RequestView } from '../../src/endpoints/request-view.js';
import { decodeCapture } from '../../src/http/capture.js';
import type { RawHeaders } from '../../src/model/exchange.js';

const json: RawHeaders = [['Content-Type', 'application/json']];
const view = (target: string, body: string, decodedFirst: boolean): RequestView => {
  const bytes = Buffer.from(body);
  const decoded = decodedFirst ? decodeCapture({ method: 'POST', target, rawHeaders: json, body: bytes }, { maxDecodedBytes: 1e6 }) : undefined;
  return new RequestView('POST', target, json, bytes, {}, 0, 1e6, decoded);
};

describe('RequestView', () => {
  for (const decodedFirst of [false, true]) {
    describe(decodedFirst ? 'over a capture the caller decoded' : 'decoding itself', () => {
      it('reads one-key and dotted JSON names alike, the last of a repeated key winning', () => {
        const v = view('/pb', '{"click_id":1,"click_id":12345678901234567890,"user":{"id":"u1"},"a.b":"dotted"}', decodedFirst);
        expect(v.json('click_id')).toBe('12345678901234567890');
        expect(v.json('$.click_id')).toBe('12345678901234567890');
        expect(v.json('user.id')).toBe('u1');
        expect(v.json('user')).toBe('{"id":"u1"}');
        expect(v.json('missing')).toBeUndefined();
        expect(v.json('')).toBe('{"click_id":1,"click_id":12345678901234567890,"user":{"id":"u1"},"a.b":"dotted"}');
      });

      it('reads an array body by index', () => {
        const v = view('/pb', '["first",{"k":2}]', decodedFirst);
        expect(v.json('0')).toBe('first');
        expect(v.json('1.k')).toBe('2');
      });

      it('reads the query as sent, first of a repeated name', () => {
        const v = view('/pb?click_id=q1&click_id=q2&event=install%20now', '{}', decodedFirst);
        expect(v.query('click_id')).toBe('q1');
        expect(v.query('event')).toBe('install now');
        expect(v.queryPairs()).toEqual([['click_id', 'q1'], ['click_id', 'q2'], ['event', 'install now']]);
      });

      it('correlates by the default keys: query first, then the JSON body, numbers unrounded', () => {
        const v = view('/pb?event=purchase', '{"click_id":12345678901234567890,"event":"install"}', decodedFirst);
        expect(correlationOf(v, defaultCorrelationKeys)).toBe('click_id=12345678901234567890&event=purchase');
      });
    });
  }
});
