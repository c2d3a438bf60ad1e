/**
 * Startup settings layer under the flags: a given value wins, else the saved one, else the
 * built-in default; a saved value edited into nonsense falls back to the default instead of
 * stopping the start. The validator names each bad field.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { readableStartup, startupErrors, startupSources } from '../../src/settings/startup-settings.js';

describe('startup settings', () => {
  it('flag ?? saved ?? default, field by field, with where each came from', () => {
    const saved = { receiverPort: 4200, bind: '0.0.0.0', maxBodyBytes: 2048 };
    const none = resolveConfig({ dataDir: '/x' });
    expect([none.receiver.port, none.receiver.host, none.limits.maxBodyBytes]).toEqual([4100, '127.0.0.1', 10 * 1024 * 1024]);
    const fromSaved = resolveConfig({ dataDir: '/x' }, saved);
    expect([fromSaved.receiver.port, fromSaved.receiver.host, fromSaved.limits.maxBodyBytes]).toEqual([4200, '0.0.0.0', 2048]);
    // 0 is a given port (any free one), not "absent".
    const input = { dataDir: '/x', receiver: { port: 0 }, limits: { maxConnections: 5 } };
    const flagged = resolveConfig(input, saved);
    expect([flagged.receiver.port, flagged.receiver.host, flagged.limits.maxBodyBytes, flagged.limits.maxConnections]).toEqual([0, '0.0.0.0', 2048, 5]);
    expect(startupSources(input, saved)).toEqual({ receiverPort: 'flag', bind: 'saved', maxBodyBytes: 'saved' });
    expect(startupSources({}, { receiverPort: null, bind: null, maxBodyBytes: null })).toEqual({ receiverPort: 'default', bind: 'default', maxBodyBytes: 'default' });
  });

  it('accepts ports 0–65535, IP literals or localhost, 1 KiB–1 GiB; null means the default', () => {
    expect(startupErrors({ receiverPort: 0, bind: '::', maxBodyBytes: 1024 })).toEqual([]);
    expect(startupErrors({ receiverPort: 65535, bind: 'localhost', maxBodyBytes: 1024 ** 3 })).toEqual([]);
    expect(startupErrors({ receiverPort: null, bind: null, maxBodyBytes: null })).toEqual([]);
    const fields = (input: unknown) => startupErrors(input).map((e) => e.field);
    expect(fields({ receiverPort: -1, bind: 'host.example', maxBodyBytes: 1023 })).toEqual(['receiverPort', 'bind', 'maxBodyBytes']);
    expect(fields({ receiverPort: 65536, bind: '1.2.3', maxBodyBytes: 1024 ** 3 + 1 })).toEqual(['receiverPort', 'bind', 'maxBodyBytes']);
    expect(fields({ port: 1 })).toEqual(['port']);
    expect(fields([])).toEqual(['']);
  });

  it('reads back only the saved fields that are still valid', () => {
    expect(readableStartup(null)).toEqual({ receiverPort: null, bind: null, maxBodyBytes: null });
    expect(readableStartup({ receiverPort: 'x', bind: '10.0.0.1', maxBodyBytes: 5 })).toEqual({ receiverPort: null, bind: '10.0.0.1', maxBodyBytes: null });
  });
});
