/**
 * Secrets whose bytes are control characters or invalid UTF-8, end to end over real HTTP and a
 * real SQLite file: a hex secret (00 01 0a 0d 7f 80 ff) and a base64 secret whose bytes are not
 * UTF-8 (and hold a space, so a form encoder writes `+`). Postbacks are signed by the sender and
 * captured by the receiver; a tracker also leaks each secret into a captured URL, percent- and
 * `+`-form-encoded. No spelling of either secret may appear in any answer, row or report, nor
 * on stdout/stderr. The spellings are listed here, independently of the code under test.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Profile } from '../../src/model/profile.js';
import type { ExchangeVerdict } from '../../src/model/verdict.js';
import { makeVisible } from '../../src/signatures/visible.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';

const HEX = '00010a0d7f80ff';
const B64 = 'wygg++++////AApBIA==';
const SECRETS = [
  { name: 'hex', stored: HEX, encoding: 'hex', bytes: Buffer.from(HEX, 'hex') },
  { name: 'b64', stored: B64, encoding: 'base64', bytes: Buffer.from(B64, 'base64') },
] as const;

const pct = (b: Buffer, upper: boolean): string => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).map((s) => (upper ? s.toUpperCase() : s)).join('');
/** PHP urlencode: unreserved kept, space as '+', the rest %XX. */
const form = (b: Buffer): string => [...b].map((x) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(x)) ? String.fromCharCode(x) : x === 0x20 ? '+' : `%${x.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Every spelling of the secret the issue names, plus the escapes a JSON or HTML answer would give them. */
function spellings(stored: string, bytes: Buffer): string[] {
  const b64 = bytes.toString('base64');
  const b64url = bytes.toString('base64url');
  const text = [stored, bytes.toString('latin1'), bytes.toString('utf8'), bytes.toString('hex'), bytes.toString('hex').toUpperCase(), b64, b64.replace(/=+$/, ''), b64url, b64url + '='.repeat((4 - (b64url.length % 4)) % 4)];
  const all = [...text, pct(bytes, true), pct(bytes, false), form(bytes), ...text.map((s) => form(Buffer.from(s, 'utf8'))), ...text.map((s) => makeVisible(s))];
  return [...new Set([...all, ...all.map((s) => JSON.stringify(s).slice(1, -1))])];
}
const ALL_SPELLINGS = SECRETS.flatMap((s) => spellings(s.stored, s.bytes));

/** Fails naming the spelling and where; checks the raw text and, for JSON, every string inside it. */
function expectNoSecret(where: string, text: string): void {
  const strings = [text];
  try {
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(text));
  } catch {
    // Not JSON (the HTML report): the raw text is all there is.
  }
  for (const s of ALL_SPELLINGS) for (const t of strings) expect(t.includes(s), `${where} contains ${JSON.stringify(s)}`).toBe(false);
}

let tc: TestCore;
const written: string[] = [];
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const text = async (path: string, init?: RequestInit): Promise<string> => {
  const response = await tc.api(path, init);
  expect(response.status, `${path}: ${response.status}`).toBeLessThan(300);
  return response.text();
};
const options = { fields: ['click_id'], separator: ':', signature: { in: 'query', name: 'hash' } };
const setup: Record<string, { profile: Profile; signed: number; leaked: number; template: Record<string, unknown>; sendAnswer: string }> = {};

beforeAll(async () => {
  // Anything written to stdout/stderr while the core runs is checked too: a secret is never logged in clear.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
  tc = await startCore();
  for (const s of SECRETS) {
    const profile = (await (await tc.api('/api/profiles', json('POST', { name: `partner ${s.name}`, params: [{ name: 'click_id', presence: 'required' }], signature: { scheme: 'concat-hash', options } }))).json()) as Profile;
    expect((await tc.api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: s.stored, encoding: s.encoding }))).status).toBe(200);
    expect((await tc.api('/api/endpoints', json('POST', { name: s.name, path: `/${s.name}`, profileId: profile.id }))).status).toBe(201);
    const template = { name: `signed ${s.name}`, method: 'GET', url: `${tc.core.receiverUrl}/${s.name}?click_id={click_id}`, headers: [], bodyMode: 'none', body: '', dialect: 'curly', profileId: profile.id };
    const sent = await tc.api('/api/send', json('POST', { template, vars: { click_id: `signed${s.name}` } }));
    expect(sent.status).toBe(200);
    const sendAnswer = await sent.text();
    const signed = (await (await tc.api(`/api/exchanges/wait?param.click_id=signed${s.name}&timeout=3000`)).json()) as { id: number };
    // A tracker that put the secret in the URL: as bytes (percent, `+` form) and as its stored text, form-encoded.
    const leak = await fetch(`${tc.core.receiverUrl}/${s.name}?click_id=leak${s.name}&note=${form(s.bytes)}&copy=${form(Buffer.from(s.stored))}&lower=${pct(s.bytes, false)}&hash=00`);
    expect(leak.status).toBe(200);
    const leaked = (await (await tc.api(`/api/exchanges/wait?param.click_id=leak${s.name}&timeout=3000`)).json()) as { id: number };
    setup[s.name] = { profile, signed: signed.id, leaked: leaked.id, template, sendAnswer };
  }
  await tc.core.derived.settle();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await tc.close();
});

describe('secrets with control bytes or invalid UTF-8 never appear in clear', () => {
  for (const s of SECRETS) {
    it(`${s.name}: the verdict API shows the signed string with the secret masked, and the signature still passes`, async () => {
      const { signed, leaked } = setup[s.name]!;
      const body = await text(`/api/exchanges/${signed}/verdict`);
      expectNoSecret(`verdict of the signed capture (${s.name})`, body);
      const verdict = JSON.parse(body) as ExchangeVerdict;
      expect(verdict.signature.status).toBe('pass');
      expect(verdict.signature.explain!.canonical).toBe(`signed${s.name}:••••${s.stored.slice(-4)}`);
      expect(verdict.signature.explain!.details).toContain('the secret is part of the signed string and is shown masked');
      const failed = await text(`/api/exchanges/${leaked}/verdict`);
      expectNoSecret(`verdict of the leaking capture (${s.name})`, failed);
      expect((JSON.parse(failed) as ExchangeVerdict).signature.status).toBe('fail');
    });

    it(`${s.name}: POST /api/verify masks it, with the profile's secret and with one typed in`, async () => {
      const { profile, signed, leaked } = setup[s.name]!;
      for (const exchangeId of [signed, leaked]) {
        expectNoSecret(`verify by profile (${s.name})`, await text('/api/verify', json('POST', { exchangeId, profileId: profile.id })));
        expectNoSecret(`verify with a typed secret (${s.name})`, await text('/api/verify', json('POST', { exchangeId, scheme: 'concat-hash', options, secret: { secret: s.stored, encoding: s.encoding } })));
      }
      // A raw message carrying the secret in its target: the verdict and the notes quote it.
      const raw = `GET /${s.name}?click_id=raw&note=${form(s.bytes)}&hash=00 HTTP/1.1\r\nHost: x\r\n\r\n`;
      expectNoSecret(`verify of a raw message (${s.name})`, await text('/api/verify', json('POST', { raw, profileId: profile.id })));
    });

    it(`${s.name}: POST /api/send, /api/send/preview and the outbox's attempts keep the signing note masked`, async () => {
      const { template, sendAnswer } = setup[s.name]!;
      expectNoSecret(`POST /api/send (${s.name})`, sendAnswer);
      const preview = await text('/api/send/preview', json('POST', { template, vars: { click_id: 'preview' } }));
      expectNoSecret(`send preview (${s.name})`, preview);
      expect(preview).toContain('canonical string: preview:••••');
      const outbox = (await (await tc.api('/api/outbox?limit=50')).json()) as { items: Array<{ id: number }> };
      expect(outbox.items.length).toBeGreaterThan(0);
      for (const item of outbox.items) expectNoSecret(`outbox item ${item.id} with its attempts`, await text(`/api/outbox/${item.id}`));
    });
  }

  it('the stored verdict rows hold no spelling of either secret', () => {
    const rows = openLog(tc.core).prepare('SELECT detail FROM verdicts').pluck().all() as string[];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expectNoSecret('verdicts.detail', row);
  });

  it('the HTML report (and its CSV and JSON rows) mask the secrets in captured URLs, %-encoded or `+`-form-encoded', async () => {
    const html = await text('/api/report');
    // The leaking captures are failures (bad hash): their targets are in the report, masked.
    for (const s of SECRETS) expect(html).toContain(`click_id=leak${s.name}&amp;note=••••${s.stored.slice(-4)}`);
    expectNoSecret('HTML report', html);
    expectNoSecret('CSV report', await text('/api/report?format=csv'));
    expectNoSecret('JSON report', await text('/api/report?format=json'));
  });

  it('nothing written to stdout or stderr carries a secret', () => {
    expectNoSecret('stdout/stderr', written.join(''));
  });
});

describe('verdicts stored before the byte-level mask', () => {
  it('are re-judged on upgrade (migration 008), so verdicts.detail loses the secret; the API masks them even before', async () => {
    const old = await startCore();
    const oldLog = openLog(old.core);
    try {
      const s = SECRETS[0];
      const profile = (await (await old.api('/api/profiles', json('POST', { name: 'old', signature: { scheme: 'concat-hash', options } }))).json()) as Profile;
      await old.api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: s.stored, encoding: s.encoding }));
      await old.api('/api/endpoints', json('POST', { name: 'old', path: '/old', profileId: profile.id }));
      await fetch(`${old.core.receiverUrl}/old?click_id=abc&hash=00`);
      await old.core.derived.settle();
      const id = old.core.exchanges.maxId();
      // What the previous release stored: the raw bytes in the canonical string, at schema 7.
      const leaky = `abc:${s.bytes.toString('utf8')}`;
      const detail = JSON.parse(oldLog.prepare('SELECT detail FROM verdicts WHERE exchange_id = ?').pluck().get(id) as string) as ExchangeVerdict;
      detail.signature.explain!.canonical = leaky;
      oldLog.prepare('UPDATE verdicts SET detail = ?, stale = 0 WHERE exchange_id = ?').run(JSON.stringify(detail), id);
      // Served masked even while the row still holds it.
      expectNoSecret('verdict API over a leaky row', await (await old.api(`/api/exchanges/${id}/verdict`)).text());
      // The upgrade's own step (the later migrations cannot be replayed on this file, so 008 alone runs).
      oldLog.exec(readFileSync(new URL('../../src/store/migrations/008_rejudge_unmasked_verdicts.sql', import.meta.url), 'utf8'));
      await old.core.close();
      oldLog.close();

      const { createCore } = await import('../../src/index.js');
      const core = await createCore({ dataDir: old.dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });
      const log = openLog(core);
      try {
        await core.derived.settle();
        const row = log.prepare('SELECT detail FROM verdicts WHERE exchange_id = ?').pluck().get(id) as string;
        expectNoSecret('verdicts.detail after the upgrade', row);
        expect((JSON.parse(row) as ExchangeVerdict).signature.explain!.canonical).toBe('abc:••••80ff');
      } finally {
        await core.close();
        log.close();
      }
    } finally {
      // Already closed unless the test failed before the first core's close.
      oldLog.close();
      const { rmSync } = await import('node:fs');
      rmSync(old.dataDir, { recursive: true, force: true });
    }
  });
});
