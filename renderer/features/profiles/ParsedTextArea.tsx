import { useEffect, useState } from 'react';
import type { Parsed } from '../../../src/shared/skan-schema-text';
import { TextArea } from '../endpoints/fields';

/**
 * A textarea whose lines become a value; lines that do not read are named under it, never dropped
 * silently. The text keeps what is being typed while the profile holds the parsed value.
 */
export function ParsedTextArea<T>(props: {
  field: string;
  label: string;
  initial: string;
  parse: (text: string) => Parsed<T>;
  placeholder: string;
  testId: string;
  onValue: (value: T) => void;
  rows?: number;
  problemsTestId?: string;
}) {
  const [text, setText] = useState(props.initial);
  useEffect(() => {
    // A change from elsewhere (the JSON tab, a revert) replaces what is typed.
    if (JSON.stringify(props.parse(text).value) !== JSON.stringify(props.parse(props.initial).value)) setText(props.initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.initial]);
  const { problems } = props.parse(text);
  return (
    <>
      <TextArea
        field={props.field}
        label={props.label}
        value={text}
        rows={props.rows ?? 5}
        mono
        placeholder={props.placeholder}
        testId={props.testId}
        onChange={(t) => {
          setText(t);
          props.onValue(props.parse(t).value);
        }}
      />
      {problems.length ? (
        <ul className="field-error small" role="alert" {...(props.problemsTestId ? { 'data-testid': props.problemsTestId } : {})}>
          {problems.map((p) => (
            <li key={p}>✕ {p}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
