import { describe, expect, it } from 'vitest';
import { valuesAsDefaults as merge } from '../../renderer/features/composer/values-as-defaults.js';

/** As renderer/features/composer/template.ts normalizes macro names. */
const normalize = (n: string): string => n.toLowerCase().replace(/[^a-z0-9]/g, '');
const valuesAsDefaults = (d: Record<string, string> | undefined, typed: Record<string, string>, names: string[]) => merge(d, typed, names, normalize);

describe('Composer values kept with the template as defaults', () => {
  it('merges typed values of the macros the template uses into its defaults', () => {
    const out = valuesAsDefaults({ currency: 'USD' }, { click_id: 'c-1', payout: '1.50', stray: 'x' }, ['click_id', 'payout', 'currency']);
    expect(out).toEqual({ currency: 'USD', click_id: 'c-1', payout: '1.50' });
  });

  it('matches by normalized name, keeps the macro spelling, and replaces an old default of the same macro', () => {
    const out = valuesAsDefaults({ clickid: 'old' }, { 'Click-ID': 'new' }, ['click_id']);
    expect(out).toEqual({ click_id: 'new' });
  });

  it('does not turn an empty "send nothing" value into a default', () => {
    expect(valuesAsDefaults(undefined, { sub1: '' }, ['sub1'])).toEqual({});
  });
});
