import { describe, expect, it } from 'vitest';
import { judge, validateSuccessRule } from '../../src/sender/success.js';

const body = (text: string) => Buffer.from(text);

describe('success rules', () => {
  it('default: any 2xx', () => {
    expect(judge({}, 200, body('')).delivered).toBe(true);
    expect(judge({}, 204, body('')).delivered).toBe(true);
    expect(judge({ status: '2xx' }, 302, body('')).verdict).toBe('status 302, expected a 2xx status');
  });

  it('a specific status or a list', () => {
    expect(judge({ status: 201 }, 200, body('')).delivered).toBe(false);
    expect(judge({ status: 201 }, 201, body('')).delivered).toBe(true);
    expect(judge({ status: [200, 202] }, 202, body('')).delivered).toBe(true);
  });

  it('body equals (trimmed), contains, regex — and the status must still match', () => {
    expect(judge({ body: { mode: 'equals', value: 'OK' } }, 200, body('OK\n')).delivered).toBe(true);
    expect(judge({ body: { mode: 'equals', value: 'OK' } }, 200, body('NOT OK')).delivered).toBe(false);
    expect(judge({ body: { mode: 'contains', value: 'success=true;' } }, 200, body('id=1;success=true;')).delivered).toBe(true);
    expect(judge({ body: { mode: 'regex', value: '^ev-\\d+:OK$' } }, 200, body('ev-42:OK')).delivered).toBe(true);
    expect(judge({ body: { mode: 'equals', value: 'OK' } }, 500, body('OK')).delivered).toBe(false);
    expect(judge({ status: 500, body: { mode: 'equals', value: 'OK' } }, 500, body('OK')).delivered).toBe(true);
  });

  it('says why in words', () => {
    expect(judge({ body: { mode: 'equals', value: 'tx1:OK' } }, 200, body('tx2:OK')).verdict).toBe('status 200 but the body "tx2:OK" is not a body equal to "tx1:OK"');
    expect(judge({ body: { mode: 'regex', value: '(' } }, 200, body('')).verdict).toContain('regex is invalid');
  });

  it('validates shapes', () => {
    expect(validateSuccessRule({ status: 99 })).toContain('status');
    expect(validateSuccessRule({ body: { mode: 'startsWith', value: 'x' } })).toContain('mode');
    expect(validateSuccessRule({ status: [200, 201], body: { mode: 'contains', value: 'ok' } })).toBeNull();
  });
});
