import { fieldDomId, useFieldError, FieldMessage } from '../endpoints/fields';
import { SIZE_UNITS, type SizeUnit } from './size-units';
import { useId } from 'react';

interface Props {
  /** The API's field name, for its errors. */
  field: string;
  label: string;
  amount: string;
  unit: SizeUnit;
  placeholder: string;
  onChange: (amount: string, unit: SizeUnit) => void;
  testId: string;
}

/** A size as a number and a unit (KiB/MiB/GiB), with the field's error under both. */
export function SizeInput({ field, label, amount, unit, placeholder, onChange, testId }: Props) {
  const message = useFieldError(field);
  const errorId = useId();
  return (
    <span className="field">
      <span className="settings-size">
        <input
          type="text"
          inputMode="decimal"
          id={fieldDomId(field)}
          data-field={field}
          className={`mono num settings-short ${message ? 'is-invalid' : ''}`}
          aria-label={label}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? errorId : undefined}
          placeholder={placeholder}
          spellCheck={false}
          value={amount}
          onChange={(e) => onChange(e.target.value, unit)}
          data-testid={testId}
        />
        <select aria-label={`${label} unit`} value={unit} onChange={(e) => onChange(amount, e.target.value as SizeUnit)} data-testid={`${testId}-unit`}>
          {SIZE_UNITS.map(([u]) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </span>
      <FieldMessage id={errorId} field={field} message={message} />
    </span>
  );
}
