/** The profile editor's text forms of a conversion-value schema: typos are reported by line, never dropped silently. */
import { describe, expect, it } from 'vitest';
import { parseFlagsText, parseTableText, sourcesAndSkanShapeProblem, tableText } from '../../src/shared/skan-schema-text.js';

describe('conversion-value schema text', () => {
  it('reads `from-to label` lines and writes them back', () => {
    const parsed = parseTableText('0 install only\n1-20 registered\n\n21 – 63 purchased\nbogus');
    expect(parsed.value).toEqual([
      { from: 0, to: 0, label: 'install only' },
      { from: 1, to: 20, label: 'registered' },
      { from: 21, to: 63, label: 'purchased' },
    ]);
    expect(parsed.problems).toEqual(['line 5: write "from-to label" or "value label", e.g. 1-20 registered']);
    expect(tableText(parsed.value)).toBe('0 install only\n1-20 registered\n21-63 purchased');
  });

  it('reads `bit label` flag lines', () => {
    expect(parseFlagsText('3 registration\n12 nope')).toEqual({ value: [{ bit: 3, label: 'registration' }], problems: ['line 2: write "bit label", e.g. 3 registration'] });
  });

  it('keeps the form away from shapes it cannot draw', () => {
    expect(sourcesAndSkanShapeProblem({ allowedSources: ['1.2.3.0/24'], skanConversion: { fine: { kind: 'table', entries: [] } } })).toBeNull();
    expect(sourcesAndSkanShapeProblem({ allowedSources: '1.2.3.0/24' })).toBe('allowedSources is not a list of strings');
    expect(sourcesAndSkanShapeProblem({ skanConversion: { fine: { kind: 'other' } } })).toBe('skanConversion.fine.kind is neither "bits" nor "table"');
  });
});
