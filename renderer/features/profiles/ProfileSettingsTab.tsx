import { useEffect, useState } from 'react';
import type { AmountNames, ProfileInput, ProfileSuccessRule } from '../../../src/model/profile';
import { FormRow, SelectInput, TextArea, TextInput, fieldDomId } from '../endpoints/fields';
import { ListInput, parseList } from '../endpoints/ListInput';
import { MACRO_DIALECTS } from './draft';
import type { ProfileEdit } from './ProfileEditor';
import { SkanConversionField } from './SkanConversionField';
import { SourceAllowlistField } from './SourceAllowlistField';

/** Status codes typed as text: "2xx", "200" or "200, 204". Anything else stays as typed and the server names it. */
function StatusInput({ value, onChange }: { value: ProfileSuccessRule['status']; onChange: (v: ProfileSuccessRule['status']) => void }) {
  const show = (v: ProfileSuccessRule['status']) => (v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
  const [text, setText] = useState(show(value));
  useEffect(() => {
    if (show(parse(text)) !== show(value)) setText(show(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  function parse(t: string): ProfileSuccessRule['status'] {
    const s = t.trim();
    if (s === '') return undefined;
    if (/^2xx$/i.test(s)) return '2xx';
    const codes = parseList(s).map(Number);
    return codes.length === 1 ? codes[0] : codes;
  }
  return (
    <TextInput
      field="success.status"
      aliases={['success']}
      label="Statuses that mean delivered"
      value={text}
      mono
      className="status-rule-input"
      placeholder="2xx (default) or 200, 204"
      onChange={(t) => {
        setText(t);
        onChange(parse(t));
      }}
    />
  );
}

export function ProfileSettingsTab({ value, edit }: { value: ProfileInput; edit: ProfileEdit }) {
  const success = value.success ?? {};
  const amounts = value.amounts ?? {};
  const setSuccess = (mutate: (s: ProfileSuccessRule) => void, touched: string) =>
    edit((v) => {
      const next: ProfileSuccessRule = { ...(v.success ?? {}) };
      mutate(next);
      if (next.status === undefined && next.body === undefined) delete v.success;
      else v.success = next;
    }, touched);
  const setAmounts = (key: keyof AmountNames, names: string[] | undefined) =>
    edit((v) => {
      const next: AmountNames = { ...(v.amounts ?? {}) };
      if (names === undefined) delete next[key];
      else next[key] = names;
      if (Object.keys(next).length === 0) delete v.amounts;
      else v.amounts = next;
    }, `amounts.${key}`);

  return (
    <div className="plain-tab settings-tab" data-testid="profile-settings-tab">
      <FormRow label="Name" htmlFor={fieldDomId('name')}>
        <TextInput field="name" label="Profile name" value={value.name} testId="profile-name" onChange={(t) => edit((v) => void (v.name = t), 'name')} />
      </FormRow>
      <FormRow label="Description" htmlFor={fieldDomId('description')}>
        <TextArea
          field="description"
          label="Description"
          value={value.description ?? ''}
          rows={2}
          placeholder="Which partner, which offer, links to their spec…"
          onChange={(t) => edit((v) => void (t ? (v.description = t) : delete v.description), 'description')}
        />
      </FormRow>
      <FormRow
        label="Macro dialect"
        htmlFor={fieldDomId('macroDialect')}
        hint="How this partner writes placeholders in its postback URL templates. Unreplaced macros of every dialect are flagged anyway; this one is the partner’s own."
      >
        <SelectInput
          field="macroDialect"
          label="Macro dialect"
          value={value.macroDialect}
          options={MACRO_DIALECTS.map(([d, example]) => [d, `${example}  (${d})`] as const)}
          testId="profile-macro-dialect"
          onChange={(d) => edit((v) => void (v.macroDialect = d), 'macroDialect')}
        />
      </FormRow>
      <FormRow label="Correlation keys" htmlFor={fieldDomId('correlationKeys')} hint="Params whose values identify one conversion (click id + event…): a repeat is a duplicate.">
        <ListInput
          field="correlationKeys"
          label="Correlation keys, comma-separated"
          value={value.correlationKeys}
          placeholder="click_id, event"
          testId="profile-correlation"
          onChange={(keys) => edit((v) => void (v.correlationKeys = keys), 'correlationKeys')}
        />
      </FormRow>
      <FormRow label="Success rule" hint="What “delivered” means when we send to this partner: the statuses, and optionally what the body must say.">
        <div className="inline-fields wrap" data-field-container="success">
          <label className="inline-label">
            <span>status</span>
            <StatusInput value={success.status} onChange={(st) => setSuccess((s) => void (st === undefined ? delete s.status : (s.status = st)), 'success.status')} />
          </label>
          <label className="inline-label">
            <span>body</span>
            <SelectInput
              field="success.body.mode"
              label="Body check"
              value={success.body?.mode ?? ''}
              options={[['', 'anything'], ['equals', 'equals'], ['contains', 'contains'], ['regex', 'matches regex']]}
              onChange={(mode) => setSuccess((s) => void (mode ? (s.body = { mode, value: s.body?.value ?? '' }) : delete s.body), 'success.body')}
            />
          </label>
          {success.body ? (
            <TextInput
              field="success.body.value"
              label="Expected body"
              value={success.body.value}
              mono
              className="grow"
              placeholder={success.body.mode === 'regex' ? '^OK$' : 'OK'}
              onChange={(t) => setSuccess((s) => void (s.body = { ...s.body!, value: t }), 'success.body.value')}
            />
          ) : null}
        </div>
      </FormRow>
      <FormRow label="Money params" hint="Names for the always-on money checks: payout 0 with revenue elsewhere, an amount without a currency. Empty turns that part off; blank uses the usual names.">
        <div className="amount-grid">
          {(['payout', 'revenue', 'currency'] as const).map((key) => (
            <label key={key} className="inline-label">
              <span>{key}</span>
              <AmountInput field={`amounts.${key}`} value={amounts[key]} onChange={(names) => setAmounts(key, names)} />
            </label>
          ))}
        </div>
      </FormRow>
      <SourceAllowlistField value={value} edit={edit} />
      <SkanConversionField value={value} edit={edit} />
      {value.preset ? (
        <FormRow label="Preset">
          <code className="chip mono">{value.preset}</code>
        </FormRow>
      ) : null}
    </div>
  );
}

/** undefined: the usual names; [] ("none"): that check is off. */
function AmountInput({ field, value, onChange }: { field: string; value: string[] | undefined; onChange: (v: string[] | undefined) => void }) {
  const off = value !== undefined && value.length === 0;
  return (
    <span className="amount-input">
      <ListInput field={field} label={`${field} param names`} value={value ?? []} placeholder={off ? 'off' : 'usual names'} onChange={(names) => onChange(names.length ? names : off ? [] : undefined)} />
      <label className="check small">
        <input type="checkbox" checked={off} onChange={(e) => onChange(e.target.checked ? [] : undefined)} />
        <span>off</span>
      </label>
    </span>
  );
}
