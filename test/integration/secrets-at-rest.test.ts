/**
 * Profile secrets are encrypted in the database (AES-256-GCM, key in `secrets.key`), yet signing
 * and verifying work end to end over real HTTP, across a restart, and after migrating a folder
 * whose secrets were stored in clear by an earlier version.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/index.js';
import type { Profile } from '../../src/model/profile.js';
import type { ExchangeVerdict } from '../../src/model/verdict.js';

const profileFixture = JSON.parse(readFileSync(new URL('../fixtures/verify/profile.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const SECRET = 'Zq7-at-rest-partner-secret-4f9d';
const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-secrets-'));
  folders.push(dir);
  return dir;
}

const start = (dataDir: string): Promise<Core> => createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });

function api(core: Core, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<Response> {
  return fetch(core.controlUrl + path, {
    method,
    headers: { Authorization: `Bearer ${core.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Creates a signed profile and its endpoint; returns the profile id. */
async function signedProfile(core: Core, secret: string): Promise<number> {
  const profile = (await (await api(core, '/api/profiles', profileFixture)).json()) as Profile;
  expect((await api(core, `/api/profiles/${profile.id}/secret`, { secret }, 'PUT')).status).toBe(200);
  expect((await api(core, '/api/endpoints', { name: 'partner', path: '/pb', profileId: profile.id })).status).toBeLessThan(300);
  return profile.id;
}

/** Signs a send with the profile, captures it over loopback, and answers the capture's signature verdict. */
async function sendAndJudge(core: Core, profileId: number, clickId: string): Promise<string> {
  const template = { name: 'signed', method: 'GET', url: `${core.receiverUrl}/pb?click_id={click_id}&event=install&payout=1.00&currency=USD`, headers: [], bodyMode: 'none', body: '', dialect: 'curly', profileId };
  const sent = (await (await api(core, '/api/send', { template, vars: { click_id: clickId } })).json()) as { delivered: boolean };
  expect(sent.delivered).toBe(true);
  const captured = (await (await api(core, `/api/exchanges/wait?param.click_id=${clickId}&timeout=3000`)).json()) as { id: number };
  await core.derived.settle();
  return ((await (await api(core, `/api/exchanges/${captured.id}/verdict`)).json()) as ExchangeVerdict).signature.status;
}

/** Every spelling of the secret's bytes that a `sqlite3 … 'select * from secrets'` or a hex dump would show. */
function spellings(secret: string): Buffer[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [bytes, Buffer.from(bytes.toString('hex')), Buffer.from(bytes.toString('hex').toUpperCase()), Buffer.from(bytes.toString('base64')), Buffer.from(bytes.toString('base64url')), Buffer.from(secret, 'utf16le')];
}

/** The raw bytes of the database and its WAL after a checkpoint, as someone copying the folder gets them. */
function fileBytes(dataDir: string): Buffer {
  const file = join(dataDir, 'postbacks.sqlite');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

function storedValues(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'postbacks.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT value FROM secrets').all() as Array<{ value: string }>).map((r) => r.value);
  } finally {
    db.close();
  }
}

describe('secrets at rest', () => {
  it('stores secrets encrypted, never readable from the file, and still signs and verifies across a restart', async () => {
    const dataDir = folder();
    let core = await start(dataDir);
    let profileId: number;
    try {
      profileId = await signedProfile(core, SECRET);
      expect(await sendAndJudge(core, profileId, 'atrest1')).toBe('pass');
    } finally {
      await core.close();
    }
    const keyFile = join(dataDir, 'secrets.key');
    expect(readFileSync(keyFile)).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const [stored] = storedValues(dataDir);
    expect(stored).toMatch(/^enc:v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    const raw = fileBytes(dataDir);
    for (const spelling of spellings(SECRET)) expect(raw.includes(spelling), `found ${spelling.toString('latin1')}`).toBe(false);

    core = await start(dataDir);
    try {
      expect(await sendAndJudge(core, profileId, 'atrest2')).toBe('pass');
      // The masked view still works (it decrypts to mask).
      const profile = (await (await api(core, `/api/profiles/${profileId}`)).json()) as Profile;
      expect(profile.secret?.masked).toMatch(/^••••/);
    } finally {
      await core.close();
    }
  });

  it('encrypts the clear-text secrets of a folder from before, in place, and they still verify', async () => {
    const dataDir = folder();
    let core = await start(dataDir);
    const profileId = await signedProfile(core, 'placeholder-secret-0000');
    await core.close();
    // What an earlier version left: the secret in clear in the row, and no key file.
    const db = new Database(join(dataDir, 'postbacks.sqlite'));
    db.prepare('UPDATE secrets SET value = ? WHERE profile_id = ?').run(SECRET, profileId);
    db.close();
    unlinkSync(join(dataDir, 'secrets.key'));
    expect(storedValues(dataDir)).toEqual([SECRET]);

    core = await start(dataDir);
    try {
      expect(storedValues(dataDir)[0]).toMatch(/^enc:v1:/);
      expect(await sendAndJudge(core, profileId, 'migrated1')).toBe('pass');
    } finally {
      await core.close();
    }
    const raw = fileBytes(dataDir);
    for (const spelling of spellings(SECRET)) expect(raw.includes(spelling), `found ${spelling.toString('latin1')}`).toBe(false);
  });

  it('a replaced key file gives an error naming the file, not a wrong signature', async () => {
    const dataDir = folder();
    let core = await start(dataDir);
    const profileId = await signedProfile(core, SECRET);
    await core.close();
    writeFileSync(join(dataDir, 'secrets.key'), randomBytes(32), { mode: 0o600 });
    core = await start(dataDir);
    try {
      const answer = await api(core, `/api/profiles/${profileId}`);
      expect(answer.status).toBe(500);
      const text = await answer.text();
      expect(text).toContain(join(dataDir, 'secrets.key'));
      expect(text).toMatch(/cannot be read/);
      expect(text).not.toContain(SECRET);
    } finally {
      await core.close();
    }
    // A damaged (short) key file stops the start with the file named.
    writeFileSync(join(dataDir, 'secrets.key'), Buffer.from('short'));
    await expect(start(dataDir)).rejects.toThrow(join(dataDir, 'secrets.key'));
  });

  it('a profile row copied onto another profile does not decrypt (the profile id is authenticated)', async () => {
    const dataDir = folder();
    let core = await start(dataDir);
    const first = await signedProfile(core, SECRET);
    const second = (await (await api(core, '/api/profiles', { ...profileFixture, name: 'other' })).json()) as Profile;
    await core.close();
    const db = new Database(join(dataDir, 'postbacks.sqlite'));
    db.prepare(`INSERT INTO secrets (profile_id, kind, encoding, value, created_at, updated_at) SELECT ?, kind, encoding, value, created_at, updated_at FROM secrets WHERE profile_id = ?`).run(second.id, first);
    db.close();
    core = await start(dataDir);
    try {
      expect((await api(core, `/api/profiles/${first}`)).status).toBe(200);
      const copied = await api(core, `/api/profiles/${second.id}`);
      expect(copied.status).toBe(500);
      expect(await copied.text()).toMatch(/profile \d+ cannot be read/);
    } finally {
      await core.close();
    }
  });
});
