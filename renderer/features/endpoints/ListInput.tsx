import { useEffect, useState } from 'react';
import { TextInput } from './fields';

/** `"a, b c"` → `['a', 'b', 'c']` */
export function parseList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A list typed as one line of text ("click_id, event"): the list follows, the text keeps what is
 * being typed ("chargeback, " mid-word). A server error on one item (`field[2]`) marks the field.
 */
export function ListInput({ field, label, value, onChange, placeholder, testId }: { field: string; label: string; value: readonly string[]; onChange: (v: string[]) => void; placeholder: string; testId?: string }) {
  const [text, setText] = useState(value.join(', '));
  useEffect(() => {
    // A change from elsewhere (the JSON tab, a revert) replaces what is typed.
    if (parseList(text).join('\u0000') !== value.join('\u0000')) setText(value.join(', '));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <TextInput
      field={field}
      aliases={value.map((_, i) => `${field}[${i}]`)}
      label={label}
      value={text}
      mono
      placeholder={placeholder}
      {...(testId ? { testId } : {})}
      onChange={(t) => {
        setText(t);
        onChange(parseList(t));
      }}
    />
  );
}
