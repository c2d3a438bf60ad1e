/**
 * Issue 13 bug: a SENT exchange's detail showed our receiver's host on its URL line (and in
 * Copy as cURL) instead of the partner it was sent to.
 */
import { describe, expect, it } from 'vitest';
import { requestUrl } from '../../renderer/lib/url.js';

const receiver = 'http://127.0.0.1:4100';

describe('the detail URL line', () => {
  it('puts a received request on our receiver', () => {
    expect(requestUrl({ direction: 'in', url: '/pb?a=1+2', rawHeaders: [['Host', '127.0.0.1:4100']], remotePort: 51000 }, receiver)).toBe('http://127.0.0.1:4100/pb?a=1+2');
  });

  it('puts a sent request at its destination, never at the receiver', () => {
    const sent = { direction: 'out' as const, url: '/postback?click_id=x%20y', rawHeaders: [['Host', 'partner.example:8443']] as Array<[string, string]>, remotePort: 8443, destination: 'https://partner.example:8443' };
    expect(requestUrl(sent, receiver)).toBe('https://partner.example:8443/postback?click_id=x%20y');
  });

  it('falls back to the Host header for a sent request without a destination (HAR import)', () => {
    expect(requestUrl({ direction: 'out', url: '/pb', rawHeaders: [['host', 'api.partner.example']], remotePort: 443, destination: null }, receiver)).toBe('https://api.partner.example/pb');
    expect(requestUrl({ direction: 'out', url: '/pb', rawHeaders: [['Host', 'p.example:8080']], remotePort: 8080 }, receiver)).toBe('http://p.example:8080/pb');
  });
});
