import { describe, expect, it } from 'vitest';
import { profilePresets } from '../../src/checks/presets.js';
import { applyOptions } from '../../src/cli/verify-inputs.js';
import { maskSecret, parseSecretInput, secretInfo } from '../../src/profiles/secrets.js';
import { validateProfile } from '../../src/profiles/validate-profile.js';

describe('profile validation', () => {
  it('fills defaults so a name alone is a profile', () => {
    expect(validateProfile({ name: 'Bare' })).toEqual({ ok: true, profile: { name: 'Bare', params: [], macroDialect: 'curly', correlationKeys: [] } });
  });

  it('names each invalid field', () => {
    const check = validateProfile({
      name: 'Bad',
      params: [
        { name: 'a', type: 'enum' },
        { name: 'a', pattern: '(' },
        { name: 'n', type: 'integer', min: 5, max: 1 },
      ],
      signature: { scheme: 'nope' },
    });
    expect(check.ok).toBe(false);
    const fields = check.ok ? [] : check.errors.map((e) => e.field);
    expect(fields).toEqual(['params[0].values', 'params[1].name', 'params[1].pattern', 'params[2].min', 'signature.scheme']);
  });

  it('refuses scheme options the scheme cannot use', () => {
    const check = validateProfile({ name: 'X', signature: { scheme: 'hmac', options: { algorithm: 'crc32' } } });
    expect(check.ok ? [] : check.errors).toEqual([{ field: 'signature.options', message: expect.stringMatching(/algorithm must be one of/) }]);
  });

  it('refuses wrong shapes with the path', () => {
    const check = validateProfile({ name: 'X', params: [{ name: 'a', presence: 'sometimes' }] });
    expect(check.ok ? [] : check.errors.map((e) => e.field)).toContain('params[0].presence');
  });
});

describe('presets', () => {
  it('cover the partners of the spec, each valid and with its sources', () => {
    const presets = profilePresets();
    expect(presets.map((p) => p.id).sort()).toEqual(
      ['adattributionkit', 'adjust-partner', 'affise', 'appsflyer-partner', 'binom', 'everflow', 'keitaro', 'singular-partner', 'skadnetwork', 'tune', 'voluum'].sort(),
    );
    for (const p of presets) {
      expect(p.sources.length, p.id).toBeGreaterThan(0);
      for (const source of p.sources) expect(source, p.id).toMatch(/^https:\/\//);
      expect(p.profile.preset).toBe(p.id);
      expect(p.profile.params.some((s) => s.presence === 'required'), p.id).toBe(true);
    }
  });
});

describe('secrets', () => {
  it('are masked to their last four characters, or fully when short', () => {
    expect(maskSecret('0123456789ab1a2b')).toBe('••••1a2b');
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret('-----BEGIN PRIVATE KEY-----\nMIG…\n-----END PRIVATE KEY-----')).toBe('•••• (private key)');
    const info = secretInfo({ profileId: 1, kind: 'shared', encoding: 'hex', value: 'deadbeefdeadbeef1a2b', updatedAt: 5 });
    expect(info).toEqual({ kind: 'shared', encoding: 'hex', masked: '••••1a2b', updatedAt: 5 });
  });

  it('are checked against their encoding without quoting them', () => {
    const bad = parseSecretInput({ secret: 'not-hex-zz', encoding: 'hex' });
    expect(bad).toEqual({ error: 'the secret is not valid hex', field: 'secret' });
    expect(JSON.stringify(parseSecretInput({ secret: 'not-a-key', kind: 'public-key' }))).not.toContain('not-a-key');
    expect(parseSecretInput({ secret: 'whsec_abc', kind: 'shared' })).toEqual({ kind: 'shared', encoding: 'utf8', value: 'whsec_abc' });
  });
});

describe('verify --opt', () => {
  const defaults = { algorithm: 'sha256', prefix: '', signature: { in: 'header', name: 'X-Signature' }, timestamp: null, toleranceSec: 300 };

  it('types values after what sits at the path, and reads JSON for objects', () => {
    const options = applyOptions(defaults, ['signature.in=query', 'signature.name=sig', 'prefix=sha256=', 'toleranceSec=600', 'timestamp={"field":"ts","toleranceSec":60}']);
    expect(options).toEqual({ algorithm: 'sha256', prefix: 'sha256=', signature: { in: 'query', name: 'sig' }, timestamp: { field: 'ts', toleranceSec: 60 }, toleranceSec: 600 });
    expect(defaults.signature).toEqual({ in: 'header', name: 'X-Signature' });
  });

  it('refuses malformed pairs', () => {
    expect(() => applyOptions(defaults, ['novalue'])).toThrow(/expected key=value/);
    expect(() => applyOptions(defaults, ['toleranceSec=soon'])).toThrow(/a number is expected/);
    expect(() => applyOptions(defaults, ['timestamp={bad'])).toThrow(/not valid JSON/);
  });
});
