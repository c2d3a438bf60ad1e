import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';

/** Server field errors of the open endpoint, keyed by path (`rules[0].conditions[1].value`). */
export const FieldErrorsContext = createContext<Map<string, string>>(new Map());

export function useFieldError(field: string, aliases: readonly string[] = []): string | null {
  const map = useContext(FieldErrorsContext);
  for (const f of [field, ...aliases]) {
    const message = map.get(f);
    if (message) return message;
  }
  return null;
}

export function fieldDomId(field: string): string {
  return `ep-field-${field.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The message under an input; `data-field-error` names the field so tests and jumps can find it. */
export function FieldMessage({ id, field, message }: { id: string; field: string; message: string | null }) {
  if (!message) return null;
  return (
    <span className="field-error" id={id} data-testid="field-error" data-field-error={field} role="alert">
      ✕ {message}
    </span>
  );
}

interface BaseProps {
  /** The server's path for this value, e.g. `rules[0].responses[1].status`. */
  field: string;
  /** Other paths the server may use for the same input (a header's value is `headers[0]` or `headers[0][1]`). */
  aliases?: readonly string[];
  label: string;
  mono?: boolean;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  title?: string;
  testId?: string;
}

function useFieldProps({ field, aliases, label, mono, placeholder, disabled, title, testId }: BaseProps) {
  const message = useFieldError(field, aliases);
  const errorId = useId();
  return {
    message,
    errorId,
    props: {
      id: fieldDomId(field),
      'data-field': field,
      'aria-label': label,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? errorId : undefined,
      className: `${mono ? 'mono' : ''} ${message ? 'is-invalid' : ''}`,
      placeholder,
      disabled,
      title,
      spellCheck: false,
      'data-testid': testId,
    } as const,
  };
}

export function TextInput(props: BaseProps & { value: string; onChange: (value: string) => void }) {
  const { message, errorId, props: input } = useFieldProps(props);
  return (
    <span className={`field ${props.className ?? ''}`}>
      <input type="text" {...input} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      <FieldMessage id={errorId} field={props.field} message={message} />
    </span>
  );
}

export function TextArea(
  props: BaseProps & { value: string; onChange: (value: string) => void; rows?: number; onRef?: (el: HTMLTextAreaElement | null) => void },
) {
  const { message, errorId, props: input } = useFieldProps(props);
  return (
    <span className={`field ${props.className ?? ''}`}>
      <textarea {...input} ref={props.onRef} rows={props.rows ?? 4} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      <FieldMessage id={errorId} field={props.field} message={message} />
    </span>
  );
}

export function SelectInput<V extends string>(
  props: BaseProps & { value: V; options: ReadonlyArray<readonly [V, string]>; onChange: (value: V) => void },
) {
  const { message, errorId, props: input } = useFieldProps(props);
  const known = props.options.some(([v]) => v === props.value);
  return (
    <span className={`field ${props.className ?? ''}`}>
      <select {...input} value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
        {known ? null : <option value={props.value}>{props.value}</option>}
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <FieldMessage id={errorId} field={props.field} message={message} />
    </span>
  );
}

const sameNumber = (a: number | undefined, b: number | undefined) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * A number typed as text. Empty gives `undefined` (optional fields) and anything that is not a
 * number gives NaN, which the server refuses at this field: a typo is never silently dropped.
 */
export function NumberInput(
  props: BaseProps & {
    value: number | undefined;
    onChange: (value: number | undefined) => void;
    integer?: boolean;
    suffix?: string;
    /** Empty is NaN too (sent as null, refused at this field) rather than left out. */
    required?: boolean;
  },
) {
  const { message, errorId, props: input } = useFieldProps(props);
  const [text, setText] = useState(props.value === undefined || Number.isNaN(props.value) ? '' : String(props.value));
  const parse = (t: string): number | undefined => (t.trim() === '' ? (props.required ? NaN : undefined) : Number(t.trim()));
  useEffect(() => {
    // Changed elsewhere (JSON tab, revert): show the new value.
    if (!sameNumber(parse(text), props.value)) setText(props.value === undefined || Number.isNaN(props.value) ? '' : String(props.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  const local = text.trim() !== '' && (!Number.isFinite(Number(text)) || (props.integer && !Number.isInteger(Number(text))));
  return (
    <span className={`field field-number ${props.className ?? ''}`}>
      <span className="number-wrap">
        <input
          type="text"
          inputMode="numeric"
          {...input}
          className={`${input.className} mono num ${local ? 'is-invalid' : ''}`}
          aria-invalid={message || local ? true : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            props.onChange(parse(e.target.value));
          }}
        />
        {props.suffix ? <span className="suffix muted">{props.suffix}</span> : null}
      </span>
      {local && !message ? <span className="field-error">✕ {props.integer ? 'a whole number' : 'a number'}</span> : null}
      <FieldMessage id={errorId} field={props.field} message={message} />
    </span>
  );
}

/** Errors aimed at a container (a rule, a response) rather than one input. */
export function ContainerErrors({ field }: { field: string }) {
  const message = useFieldError(field);
  if (!message) return null;
  return (
    <div className="field-error container-error" data-testid="field-error" data-field-error={field} role="alert">
      ✕ {message}
    </div>
  );
}

export function FormRow({ label, hint, children, htmlFor }: { label: string; hint?: ReactNode; children: ReactNode; htmlFor?: string }) {
  return (
    <div className="form-row">
      <label className="form-label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="form-control">
        {children}
        {hint ? <div className="form-hint muted">{hint}</div> : null}
      </div>
    </div>
  );
}
