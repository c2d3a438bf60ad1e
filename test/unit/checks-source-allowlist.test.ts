/**
 * Source-IP allowlists: CIDR parsing (ours, pure) and matching (Node's net.BlockList).
 * Ranges from the partners' own pages:
 *   AppsFlyer 45.92.116.0/22, 194.28.46.0/23 — https://support.appsflyer.com/hc/ja/articles/207447093
 *   Adjust 178.162.216.64/26, 178.162.216.128/26 — https://help.adjust.com/en/article/advanced-security-options-partner
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is RFC 4291 §2.5.5.2: a dual-stack socket reports IPv4 peers so.
 */
import { describe, expect, it } from 'vitest';
import { profilePresets } from '../../src/checks/presets.js';
import { allowlistOf, isAllowed, judgedSource, sourceIssues } from '../../src/checks/source-allowlist.js';
import { validateProfile } from '../../src/profiles/validate-profile.js';
import { parseCidr, unmapIpv4 } from '../../src/shared/ip-cidr.js';
import { computeVerdict } from '../../src/verdicts/compute-verdict.js';

const allowed = (ranges: string[], address: string) => isAllowed(allowlistOf(ranges), address);

describe('CIDR matching', () => {
  it('IPv4: inside and outside a /16, /22 and a single host', () => {
    expect(allowed(['52.0.0.0/16'], '52.0.255.255')).toBe(true);
    expect(allowed(['52.0.0.0/16'], '52.1.0.0')).toBe(false);
    // AppsFlyer's /22 spans 45.92.116.0–45.92.119.255.
    expect(allowed(['45.92.116.0/22'], '45.92.119.200')).toBe(true);
    expect(allowed(['45.92.116.0/22'], '45.92.120.1')).toBe(false);
    expect(allowed(['10.1.2.3'], '10.1.2.3')).toBe(true);
    expect(allowed(['10.1.2.3'], '10.1.2.4')).toBe(false);
    expect(allowed(['0.0.0.0/0'], '203.0.113.9')).toBe(true);
  });

  it('IPv6: a /32 with compressed and full spellings, never matched by an IPv4 range', () => {
    expect(allowed(['2600:1f18::/32'], '2600:1f18:abcd::1')).toBe(true);
    expect(allowed(['2600:1f18::/32'], '2600:1f18:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(allowed(['2600:1f18::/32'], '2600:1f19::1')).toBe(false);
    expect(allowed(['::1'], '::1')).toBe(true);
    expect(allowed(['0.0.0.0/0'], '2001:db8::1')).toBe(false);
  });

  it('IPv4-mapped IPv6 peers are judged as the IPv4 address they carry', () => {
    expect(unmapIpv4('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(unmapIpv4('::FFFF:102:304')).toBe('1.2.3.4');
    expect(allowed(['1.2.3.0/24'], '::ffff:1.2.3.4')).toBe(true);
    expect(allowed(['1.2.3.0/24'], '::ffff:102:304')).toBe(true);
    expect(allowed(['1.2.3.0/24'], '::ffff:1.2.4.4')).toBe(false);
    // Not mapped: ::1.2.3.4 (the deprecated IPv4-compatible form) is an IPv6 address.
    expect(allowed(['1.2.3.0/24'], '::1.2.3.4')).toBe(false);
  });

  it('parses what people write and refuses what would silently widen or narrow the list', () => {
    expect(parseCidr(' 52.0.0.0/16 ')).toMatchObject({ ok: true, cidr: { family: 4, prefix: 16, text: '52.0.0.0/16' } });
    expect(parseCidr('2600:1F18::/32')).toMatchObject({ ok: true, cidr: { family: 6, prefix: 32, text: '2600:1f18::/32' } });
    expect(parseCidr('203.0.113.7')).toMatchObject({ ok: true, cidr: { prefix: 32 } });
    expect(parseCidr('10.0.0.1/8')).toEqual({ ok: false, message: '"10.0.0.1/8" has host bits set under /8: did you mean 10.0.0.0/8?' });
    expect(parseCidr('1.2.3.0/33')).toMatchObject({ ok: false, message: expect.stringContaining('0–32') });
    expect(parseCidr('2600::/129')).toMatchObject({ ok: false, message: expect.stringContaining('0–128') });
    for (const bad of ['256.0.0.0/8', '1.2.3/24', '010.0.0.0/8', '1::2::3/64', 'example.com', '']) expect(parseCidr(bad).ok).toBe(false);
  });
});

describe('which address is judged', () => {
  it('the socket peer, unless a tunnel on loopback names the client', () => {
    expect(judgedSource([], '::ffff:203.0.113.9')).toEqual({ address: '203.0.113.9', via: 'socket' });
    expect(judgedSource([['Host', 'x.trycloudflare.com'], ['Cf-Connecting-IP', '45.92.117.10']], '127.0.0.1')).toEqual({ address: '45.92.117.10', via: 'cloudflare' });
    expect(judgedSource([['Host', 'a.ngrok-free.app'], ['X-Forwarded-For', '178.162.216.70, 10.0.0.1']], '::1')).toEqual({ address: '178.162.216.70', via: 'ngrok' });
  });

  it('forwarded headers from a non-loopback peer are not trusted: anyone can write them', () => {
    expect(judgedSource([['Cf-Connecting-IP', '45.92.117.10']], '198.51.100.4')).toEqual({ address: '198.51.100.4', via: 'socket' });
    expect(sourceIssues(['45.92.116.0/22'], [['Cf-Connecting-IP', '45.92.117.10']], '198.51.100.4')[0]).toMatchObject({ code: 'source-not-allowed', severity: 'fail' });
  });

  it('a tunnel that does not name the client is a warning, not a silent pass', () => {
    expect(sourceIssues(['45.92.116.0/22'], [['Host', 'x.trycloudflare.com']], '127.0.0.1')).toEqual([
      { code: 'source-unknown', severity: 'warn', param: null, message: 'arrived through a cloudflare tunnel that does not name the client: allowed sources 45.92.116.0/22 not checked' },
    ]);
  });

  it('the failure names the address and the ranges', () => {
    expect(sourceIssues(['10.0.0.0/8', '2600:1f18::/32'], [], '::ffff:198.51.100.7')).toEqual([
      { code: 'source-not-allowed', severity: 'fail', param: null, message: "sent from 198.51.100.7, outside the partner's allowed sources: 10.0.0.0/8, 2600:1f18::/32" },
    ]);
    // Loopback, private and link-local senders are local tests: a warning, not a failure.
    for (const local of ['::ffff:127.0.0.1', '192.168.1.20', '172.20.0.5', 'fd12::1', 'fe80::1']) {
      expect(sourceIssues(['45.92.116.0/22'], [], local)[0]).toMatchObject({ code: 'source-not-allowed', severity: 'warn' });
    }
    expect(sourceIssues(['45.92.116.0/22'], [['Host', 'x.trycloudflare.com'], ['Cf-Connecting-IP', '8.8.8.8']], '127.0.0.1')[0]!.message).toBe(
      "sent from 8.8.8.8 (forwarded by a cloudflare tunnel on 127.0.0.1), outside the partner's allowed sources: 45.92.116.0/22",
    );
    expect(sourceIssues(undefined, [], '8.8.8.8')).toEqual([]);
    expect(sourceIssues([], [], '8.8.8.8')).toEqual([]);
  });
});

describe('profiles with allowedSources', () => {
  it('bad ranges are field errors with their index', () => {
    const check = validateProfile({ name: 'p', allowedSources: ['52.0.0.0/16', '52.0.0.0/33', 'nope', '2600:1f18::/32', '52.0.0.0/16'] });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((e) => e.field)).toEqual(['allowedSources[1]', 'allowedSources[2]', 'allowedSources[4]']);
    expect(check.errors[2]!.message).toContain('listed twice');
    expect(validateProfile({ name: 'p', allowedSources: ['52.0.0.0/16', '2600:1f18::/32'] }).ok).toBe(true);
  });

  it("the AppsFlyer and Adjust presets carry the partners' documented ranges", () => {
    const byId = new Map(profilePresets().map((p) => [p.id, p]));
    expect(byId.get('appsflyer-partner')!.profile.allowedSources).toEqual(['45.92.116.0/22', '194.28.46.0/23']);
    expect(byId.get('adjust-partner')!.profile.allowedSources).toEqual(['178.162.216.64/26', '178.162.216.128/26']);
    for (const id of ['appsflyer-partner', 'adjust-partner']) expect(byId.get(id)!.sources.some((s) => /IP|server/i.test(s))).toBe(true);
  });

  it('a verdict fails from outside the ranges and passes from inside', () => {
    const judge = (remoteAddress: string | undefined) =>
      computeVerdict({
        exchangeId: 1,
        request: { method: 'GET', target: '/pb?click_id=1', rawHeaders: [['Host', 'rx.test']], body: Buffer.alloc(0) },
        nowSec: 1_700_000_000,
        profile: { id: 1, input: { name: 'p', params: [], macroDialect: 'curly', correlationKeys: [], allowedSources: ['178.162.216.64/26'] } },
        key: null,
        maxDecodedBytes: 1e6,
        ...(remoteAddress !== undefined ? { remoteAddress } : {}),
      });
    expect(judge('178.162.216.100')).toMatchObject({ status: 'pass', failures: 0, issues: [] });
    expect(judge('178.162.216.130')).toMatchObject({ status: 'fail', failures: 1, issues: [{ code: 'source-not-allowed' }] });
    // POST /api/verify with a pasted request: no source to judge.
    expect(judge(undefined)).toMatchObject({ status: 'pass', warnings: 1, issues: [{ code: 'source-unknown' }] });
  });
});
