import type { ReactNode } from 'react';
import { stableStringify } from '../endpoints/draft';
import { FormRow, SelectInput, TextInput } from '../endpoints/fields';

/** The small inputs and choices the scheme option forms are built from. */

export type Options = Record<string, unknown>;

export const ALGORITHMS = [['md5', 'MD5'], ['sha1', 'SHA-1'], ['sha256', 'SHA-256'], ['sha512', 'SHA-512']] as const;
export const OUTPUTS = [['hex', 'hex'], ['base64', 'base64'], ['base64url', 'base64url']] as const;
export const MESSAGE_KINDS = [
  ['raw-body', 'Raw body, byte for byte'],
  ['full-url', 'Full URL as received'],
  ['url-without-signature', 'URL without the signature param'],
  ['sorted-params', 'Params sorted by name'],
  ['template', 'Template of fields and constants'],
] as const;
export const PLACEMENTS = [['header', 'header'], ['query', 'query param'], ['body', 'body field']] as const;

export type Placement = { in: 'header' | 'query'; name: string } | { in: 'body'; field: string };

export const isObj = (v: unknown): v is Options => typeof v === 'object' && v !== null && !Array.isArray(v);
export const same = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

export type SetKey = (key: string, value: unknown) => void;

export function Row({ label, hint, htmlFor, children }: { label: string; hint?: ReactNode; htmlFor?: string; children: ReactNode }) {
  return (
    <FormRow label={label} hint={hint} {...(htmlFor ? { htmlFor } : {})}>
      {children}
    </FormRow>
  );
}

/** A text field whose empty value means null (e.g. "same as the separator"). */
export function NullableText({ field, label, value, onChange, placeholder }: { field: string; label: string; value: string | null; onChange: (v: string | null) => void; placeholder: string }) {
  return <TextInput field={field} label={label} value={value ?? ''} mono placeholder={placeholder} onChange={(t) => onChange(t === '' ? null : t)} />;
}

export function PlacementInput({ value, onChange, field }: { value: Placement; onChange: (p: Placement) => void; field: string }) {
  const name = value.in === 'body' ? value.field : value.name;
  return (
    <div className="inline-fields">
      <SelectInput
        field={`${field}.in`}
        label="Where the signature travels"
        value={value.in}
        options={PLACEMENTS}
        onChange={(where) => onChange(where === 'body' ? { in: 'body', field: name } : { in: where, name })}
        testId="signature-in"
      />
      <TextInput
        field={value.in === 'body' ? `${field}.field` : `${field}.name`}
        label={value.in === 'header' ? 'Header name' : value.in === 'query' ? 'Query param name' : 'Body field name'}
        value={name}
        mono
        className="grow"
        testId="signature-name"
        onChange={(t) => onChange(value.in === 'body' ? { in: 'body', field: t } : { in: value.in, name: t })}
      />
    </div>
  );
}

export function asPlacement(v: unknown): Placement {
  if (isObj(v) && v['in'] === 'body') return { in: 'body', field: String(v['field'] ?? '') };
  if (isObj(v) && (v['in'] === 'header' || v['in'] === 'query')) return { in: v['in'], name: String(v['name'] ?? '') };
  return { in: 'header', name: '' };
}
