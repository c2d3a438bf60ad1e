import { useContext } from 'react';
import type { ProfileInput } from '../../../src/model/profile';
import type { SkanConversionSchema, SkanFineBits } from '../../../src/model/skan-conversion';
import { FieldErrorsContext, FormRow, NumberInput, SelectInput, TextInput } from '../endpoints/fields';
import { ParsedTextArea } from './ParsedTextArea';
import type { ProfileEdit } from './ProfileEditor';
import { blankFine, flagsText, parseFlagsText, parseTableText, tableText } from '../../../src/shared/skan-schema-text';

type Kind = '' | 'bits' | 'table';

const OWN_INPUTS = /^skanConversion\.(fine\.(kind|entries|events|revenue\.(lowBit|width|buckets))|coarse\.(low|medium|high))$/;

/** What this profile's SKAdNetwork conversion values mean: fine values as a table or bit fields, coarse labels. */
export function SkanConversionField({ value, edit }: { value: ProfileInput; edit: ProfileEdit }) {
  const schema = value.skanConversion ?? {};
  const setSchema = (mutate: (s: SkanConversionSchema) => void, touched: string) =>
    edit((v) => {
      const next: SkanConversionSchema = structuredClone(v.skanConversion ?? {});
      mutate(next);
      if (next.coarse && Object.values(next.coarse).every((l) => !l)) delete next.coarse;
      if (!next.fine && !next.coarse) delete v.skanConversion;
      else v.skanConversion = next;
    }, touched);
  const fine = schema.fine;
  const serverErrors = useContext(FieldErrorsContext);
  // Errors of one input show under it; the rest (a table line, a flag line, the whole schema) are listed here.
  const schemaErrors = [...serverErrors.entries()].filter(([field]) => field.startsWith('skanConversion') && !OWN_INPUTS.test(field)).map(([field, message]) => `${readable(field)}: ${message}`);

  return (
    <FormRow
      label="SKAdNetwork conversion values"
      hint="What the app's conversion values mean, to show a captured SKAdNetwork postback decoded. A table covers 0–63 once (`from-to label` lines); bit fields read a revenue bucket and event flags from the 6 bits."
    >
      <div className="skan-schema" data-testid="profile-skan-schema" data-field-container="skanConversion">
        <div className="inline-fields wrap">
          <label className="inline-label">
            <span>fine values</span>
            <SelectInput<Kind>
              field="skanConversion.fine.kind"
              label="How fine values are read"
              value={fine?.kind ?? ''}
              options={[['', 'not decoded'], ['bits', 'bit fields'], ['table', 'table of ranges']]}
              testId="profile-skan-kind"
              onChange={(kind) => setSchema((s) => void (kind ? (s.fine = blankFine(kind)) : delete s.fine), 'skanConversion.fine')}
            />
          </label>
        </div>
        {fine?.kind === 'table' ? (
          <ParsedTextArea
            field="skanConversion.fine.entries"
            label="Fine value table: from-to label, one a line"
            initial={tableText(fine.entries)}
            parse={parseTableText}
            placeholder={'0 install only\n1-20 registered\n21-63 purchased'}
            testId="profile-skan-table"
            onValue={(entries) => setSchema((s) => void (s.fine = { kind: 'table', entries }), 'skanConversion.fine.entries')}
          />
        ) : fine?.kind === 'bits' ? (
          <BitsEditor bits={fine} onChange={(bits, touched) => setSchema((s) => void (s.fine = bits), touched)} />
        ) : null}
        <div className="inline-fields wrap">
          {(['low', 'medium', 'high'] as const).map((level) => (
            <label key={level} className="inline-label">
              <span>coarse {level}</span>
              <TextInput
                field={`skanConversion.coarse.${level}`}
                label={`Meaning of coarse ${level}`}
                value={schema.coarse?.[level] ?? ''}
                testId={`profile-skan-coarse-${level}`}
                onChange={(t) => setSchema((s) => void (s.coarse = { ...s.coarse, [level]: t }), `skanConversion.coarse.${level}`)}
              />
            </label>
          ))}
        </div>
        {schemaErrors.length ? (
          <ul className="field-error small" data-testid="skan-schema-errors" role="alert">
            {schemaErrors.map((e) => (
              <li key={e}>✕ {e}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </FormRow>
  );
}

function BitsEditor({ bits, onChange }: { bits: SkanFineBits; onChange: (bits: SkanFineBits, touched: string) => void }) {
  const revenue = bits.revenue;
  const withRevenue = (r: SkanFineBits['revenue']) => {
    const next: SkanFineBits = { ...bits };
    if (r) next.revenue = r;
    else delete next.revenue;
    return next;
  };
  return (
    <>
      <div className="inline-fields wrap">
        <label className="check small">
          <input
            type="checkbox"
            checked={revenue !== undefined}
            onChange={(e) => onChange(withRevenue(e.target.checked ? { lowBit: 0, width: 3, buckets: [] } : undefined), 'skanConversion.fine.revenue')}
          />
          <span>revenue bucket</span>
        </label>
        {revenue ? (
          <>
            <label className="inline-label">
              <span>lowest bit</span>
              <NumberInput field="skanConversion.fine.revenue.lowBit" label="Lowest bit of the revenue bucket" integer required value={revenue.lowBit} onChange={(n) => onChange(withRevenue({ ...revenue, lowBit: n ?? NaN }), 'skanConversion.fine.revenue.lowBit')} />
            </label>
            <label className="inline-label">
              <span>bits</span>
              <NumberInput field="skanConversion.fine.revenue.width" label="Bits of the revenue bucket" integer required value={revenue.width} onChange={(n) => onChange(withRevenue({ ...revenue, width: n ?? NaN }), 'skanConversion.fine.revenue.width')} />
            </label>
          </>
        ) : null}
      </div>
      {revenue ? (
        <ParsedTextArea
          field="skanConversion.fine.revenue.buckets"
          label={`Revenue bucket labels, one a line (${2 ** revenue.width})`}
          initial={revenue.buckets.join('\n')}
          parse={(t) => ({ value: t.split('\n').map((l) => l.trim()).filter(Boolean), problems: [] })}
          placeholder={'$0\n$0.01–1\n…'}
          testId="profile-skan-buckets"
          onValue={(buckets) => onChange(withRevenue({ ...revenue, buckets }), 'skanConversion.fine.revenue.buckets')}
        />
      ) : null}
      <ParsedTextArea
        field="skanConversion.fine.events"
        label="Event flags: bit label, one a line"
        initial={flagsText(bits.events)}
        parse={parseFlagsText}
        placeholder={'3 registration\n4 tutorial_done\n5 purchase'}
        testId="profile-skan-events"
        onValue={(events) => onChange({ ...bits, events }, 'skanConversion.fine.events')}
      />
    </>
  );
}

/** `skanConversion.fine.entries[2].from` → `line 3 of the table`: the editor shows lines, not indices. */
function readable(field: string): string {
  const entry = /^skanConversion\.fine\.entries\[(\d+)\]/.exec(field);
  if (entry) return `table line ${Number(entry[1]) + 1}`;
  const flag = /^skanConversion\.fine\.events\[(\d+)\]/.exec(field);
  if (flag) return `event flag line ${Number(flag[1]) + 1}`;
  return field.replace(/^skanConversion\./, '');
}
