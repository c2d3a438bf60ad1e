import { useEffect, useState } from 'react';
import type { ParamSpec, ProfileInput } from '../../../src/model/profile';
import { Icon } from '../../components/Icon';
import { EpIcon } from '../endpoints/EpIcon';
import { ContainerErrors, NumberInput, SelectInput, TextInput, useFieldError } from '../endpoints/fields';
import { ListInput } from '../endpoints/ListInput';
import { blankParam, PARAM_TYPES, setParamType } from './draft';
import type { ProfileEdit } from './ProfileEditor';
import { ReversalEventsField } from './ReversalEventsField';

const PRESENCE = [['required', 'required'], ['optional', 'optional'], ['forbidden', 'forbidden']] as const;
const WHERE = [['any', 'query, then body'], ['query', 'query only'], ['body', 'body only (form / JSON)']] as const;

/** The param spec as a table: one row per param, type options next to the type. */
export function ParamsTab({ value, edit }: { value: ProfileInput; edit: ProfileEdit }) {
  const [focusLast, setFocusLast] = useState(false);
  useEffect(() => {
    if (!focusLast) return;
    setFocusLast(false);
    document.querySelector<HTMLInputElement>(`.profile-editor [data-field="params[${value.params.length - 1}].name"]`)?.select();
  }, [focusLast, value.params.length]);

  return (
    <div className="rules-tab params-tab" data-testid="params-tab">
      <div className="params-intro">
        <p className="tab-intro muted">
          What the partner sends. Names are query/form names or a dotted path into a JSON body (<code>user.id</code>). Regexes are searched: anchor
          them with <code>^…$</code>.
        </p>
        <label className="inline-label">
          <span>Params not listed</span>
          <SelectInput
            field="unknownParams"
            label="Params the spec does not list"
            value={value.unknownParams ?? 'allow'}
            options={[['allow', 'are fine'], ['warn', 'get a warning']]}
            onChange={(v) => edit((p) => void (v === 'allow' ? delete p.unknownParams : (p.unknownParams = v)), 'unknownParams')}
          />
        </label>
        <label className="inline-label">
          <span>Privacy checks</span>
          <SelectInput
            field="privacyChecks"
            label="Privacy checks on this partner's postbacks"
            value={value.privacyChecks ?? 'on'}
            options={[['on', 'on (clear PII, IPs, ad ids, credentials)'], ['off', 'off for this partner']]}
            onChange={(v) => edit((p) => void (v === 'on' ? delete p.privacyChecks : (p.privacyChecks = v)), 'privacyChecks')}
          />
        </label>
        <ReversalEventsField value={value} edit={edit} />
      </div>
      <ContainerErrors field="params" />
      {value.params.length === 0 ? (
        <div className="empty-rules">
          <p>No params yet: only the always-on checks run (unreplaced macros, empty values, duplicates, double encoding, money).</p>
        </div>
      ) : (
        <div className="param-grid" aria-label="Parameter spec" role="group" data-field-container="params">
          <div className="param-row param-head" aria-hidden="true">
            <span>#</span>
            <span>Name</span>
            <span>Presence</span>
            <span>Type and its options</span>
            <span>Regex</span>
            <span>Length</span>
            <span title="Present with an empty value is fine">
              Empty
            </span>
            <span className="sr-only">
              Actions
            </span>
          </div>
          {value.params.map((spec, i) => (
            <ParamRow key={i} spec={spec} index={i} count={value.params.length} edit={edit} />
          ))}
        </div>
      )}
      <button
        type="button"
        className="btn"
        onClick={() => {
          edit((p) => void p.params.push(blankParam(p.params)), 'params');
          setFocusLast(true);
        }}
        data-testid="add-param"
      >
        <EpIcon name="plus" />
        Add param
      </button>
    </div>
  );
}

function ParamRow({ spec, index, count, edit }: { spec: ParamSpec; index: number; count: number; edit: ProfileEdit }) {
  const at = `params[${index}]`;
  const f = (k: string) => `${at}.${k}`;
  const set = (mutate: (s: ParamSpec) => void, touched: string) => edit((p) => mutate(p.params[index]!), touched);
  const inError = useFieldError(f('in'));
  const descriptionError = useFieldError(f('description'));
  const moreError = inError ?? descriptionError;
  const [open, setMore] = useState(spec.in !== undefined);
  const more = open || moreError !== null;
  const type = spec.type ?? 'string';
  const move = (to: number) =>
    edit((p) => {
      const [moved] = p.params.splice(index, 1);
      p.params.splice(to, 0, moved!);
    }, 'params');
  return (
    <div className={`param-item presence-${spec.presence}`} role="group" aria-label={`Param ${index + 1}: ${spec.name}`} data-testid="param-spec-row" data-name={spec.name} data-field-container={at}>
      <div className="param-row">
        <span className="rule-index num">
          {index + 1}
        </span>
        <span>
          <TextInput field={f('name')} label={`Param ${index + 1} name`} value={spec.name} mono testId="param-name" onChange={(t) => set((s) => void (s.name = t), f('name'))} />
        </span>
        <span>
          <SelectInput field={f('presence')} label={`${spec.name} presence`} value={spec.presence} options={PRESENCE} testId="param-presence" onChange={(v) => set((s) => void (s.presence = v), f('presence'))} />
        </span>
        <span className="type-cell">
          <SelectInput field={f('type')} label={`${spec.name} type`} value={type} options={PARAM_TYPES} testId="param-type" onChange={(v) => set((s) => setParamType(s, v), at)} />
          <TypeOptions spec={spec} at={at} set={set} />
        </span>
        <span>
          <TextInput
            field={f('pattern')}
            label={`${spec.name} regular expression`}
            value={spec.pattern ?? ''}
            mono
            placeholder="any value"
            testId="param-pattern"
            onChange={(t) => set((s) => void (t ? (s.pattern = t) : delete s.pattern), f('pattern'))}
          />
        </span>
        <span className="range-inputs">
          <NumberInput field={f('minLength')} label={`${spec.name} shortest length`} value={spec.minLength} integer className="len-input" onChange={(n) => set((s) => void (n === undefined ? delete s.minLength : (s.minLength = n)), f('minLength'))} />
          <span aria-hidden="true">–</span>
          <NumberInput field={f('maxLength')} label={`${spec.name} longest length`} value={spec.maxLength} integer className="len-input" onChange={(n) => set((s) => void (n === undefined ? delete s.maxLength : (s.maxLength = n)), f('maxLength'))} />
        </span>
        <span className="center-cell">
          <input
            type="checkbox"
            className="plain-check"
            checked={spec.allowEmpty === true}
            aria-label={`${spec.name} may be empty`}
            data-field={f('allowEmpty')}
            onChange={(e) => set((s) => void (e.target.checked ? (s.allowEmpty = true) : delete s.allowEmpty), f('allowEmpty'))}
          />
        </span>
        <span className="param-actions">
          <button
            type="button"
            className={`btn btn-icon btn-quiet btn-tiny ${moreError ? 'text-error' : ''}`}
            aria-expanded={more}
            aria-label={`${spec.name}: where to look and description`}
            title="Where to look, description"
            onClick={() => setMore((m) => !m)}
          >
            {more ? '▾' : '▸'}
          </button>
          <span className="ep-move">
            <button type="button" className="btn btn-icon btn-quiet" disabled={index === 0} onClick={() => move(index - 1)} aria-label={`Move ${spec.name} up`}>
              <EpIcon name="up" size={12} />
            </button>
            <button type="button" className="btn btn-icon btn-quiet" disabled={index === count - 1} onClick={() => move(index + 1)} aria-label={`Move ${spec.name} down`}>
              <EpIcon name="down" size={12} />
            </button>
          </span>
          <button
            type="button"
            className="btn btn-icon btn-quiet btn-tiny"
            onClick={() => edit((p) => void p.params.splice(index, 1), 'params')}
            aria-label={`Remove ${spec.name}`}
            title="Remove this param"
            data-testid="param-remove"
          >
            <Icon name="close" size={12} />
          </button>
        </span>
      </div>
      {more ? (
        <div className="param-more">
          <label className="inline-label">
            <span>Where</span>
            <SelectInput field={f('in')} label={`${spec.name}: where to look`} value={spec.in ?? 'any'} options={WHERE} onChange={(v) => set((s) => void (v === 'any' ? delete s.in : (s.in = v)), f('in'))} />
          </label>
          <label className="inline-label grow">
            <span>Description</span>
            <TextInput
              field={f('description')}
              label={`${spec.name} description`}
              value={spec.description ?? ''}
              className="grow"
              placeholder="What the partner says about it"
              onChange={(t) => set((s) => void (t ? (s.description = t) : delete s.description), f('description'))}
            />
          </label>
        </div>
      ) : spec.description ? (
        <div className="param-desc muted small">{spec.description}</div>
      ) : null}
      <ContainerErrors field={at} />
    </div>
  );
}

type SetSpec = (mutate: (s: ParamSpec) => void, touched: string) => void;

function Check({ label, checked, onChange, field }: { label: string; checked: boolean; onChange: (on: boolean) => void; field: string }) {
  return (
    <label className="check small">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-field={field} />
      <span>{label}</span>
    </label>
  );
}

/** The options of the chosen type, right under it. */
function TypeOptions({ spec, at, set }: { spec: ParamSpec; at: string; set: SetSpec }) {
  const f = (k: string) => `${at}.${k}`;
  const num = (key: 'min' | 'max' | 'maxDecimals' | 'skewSec', label: string, integer = false) => (
    <NumberInput
      field={f(key)}
      label={`${spec.name} ${label}`}
      value={spec[key]}
      integer={integer}
      className="len-input"
      onChange={(n) => set((s) => void (n === undefined ? delete s[key] : (s[key] = n)), f(key))}
    />
  );
  const anyCase = <Check label="any case" field={f('caseInsensitive')} checked={spec.caseInsensitive === true} onChange={(on) => set((s) => void (on ? (s.caseInsensitive = true) : delete s.caseInsensitive), f('caseInsensitive'))} />;
  switch (spec.type) {
    case 'integer':
      return (
        <span className="type-options">
          {num('min', 'minimum')}
          <span className="muted small">to</span>
          {num('max', 'maximum')}
        </span>
      );
    case 'decimal':
      return (
        <span className="type-options type-options-col">
          <span className="type-options">
            {num('min', 'minimum')}
            <span className="muted small">to</span>
            {num('max', 'maximum')}
          </span>
          <span className="type-options">
            <span className="muted small">places ≤</span>
            {num('maxDecimals', 'most decimal places', true)}
            <Check label="12,34 ok" field={f('commaDecimal')} checked={spec.commaDecimal === true} onChange={(on) => set((s) => void (on ? (s.commaDecimal = true) : delete s.commaDecimal), f('commaDecimal'))} />
          </span>
        </span>
      );
    case 'enum':
      return (
        <span className="type-options type-options-col">
          <ListInput field={f('values')} label={`${spec.name} allowed values`} value={spec.values ?? []} placeholder="install, purchase" onChange={(v) => set((s) => void (s.values = v), f('values'))} />
          {anyCase}
        </span>
      );
    case 'currency':
    case 'country':
      return <span className="type-options">{anyCase}</span>;
    case 'timestamp':
      return (
        <span className="type-options">
          <SelectInput field={f('unit')} label={`${spec.name} unit`} value={spec.unit ?? 's'} options={[['s', 'seconds'], ['ms', 'milliseconds']]} onChange={(v) => set((s) => void (v === 's' ? delete s.unit : (s.unit = v)), f('unit'))} />
          <span className="muted small">±</span>
          {num('skewSec', 'allowed skew in seconds', true)}
          <span className="muted small">s</span>
        </span>
      );
    default:
      return null;
  }
}
