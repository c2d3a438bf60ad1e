import type { SchemeInfo } from '../../api/verdicts';
import { fieldDomId, useFieldError } from '../endpoints/fields';
import { EpIcon } from '../endpoints/EpIcon';
import { splitSource } from '../endpoints/PresetPicker';

const GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Generic', ['hmac', 'concat-hash']],
  ['Webhook senders', ['github', 'shopify', 'stripe', 'standard-webhooks', 'twilio']],
  ['Offerwalls and ad tech', ['tapjoy', 'ironsource', 'fyber', 'ayet', 'bitlabs', 'cpx']],
  ['Apple', ['skadnetwork', 'adattributionkit']],
];

/** The scheme `<select>`, grouped; `noneLabel` adds a "no signature" choice (value ''). */
export function SchemePicker({
  schemes,
  value,
  onChange,
  field,
  noneLabel,
  testId,
}: {
  schemes: readonly SchemeInfo[];
  value: string;
  onChange: (id: string) => void;
  field: string;
  noneLabel?: string;
  testId?: string;
}) {
  const message = useFieldError(field);
  const grouped = new Set(GROUPS.flatMap(([, ids]) => ids));
  const others = schemes.filter((s) => !grouped.has(s.id));
  const known = value === '' || schemes.some((s) => s.id === value);
  return (
    <span className="field">
      <select
        id={fieldDomId(field)}
        data-field={field}
        aria-label="Signature scheme"
        aria-invalid={message ? true : undefined}
        className={message ? 'is-invalid' : ''}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        {noneLabel !== undefined ? <option value="">{noneLabel}</option> : null}
        {known ? null : <option value={value}>{value} (unknown)</option>}
        {GROUPS.map(([label, ids]) => {
          const items = ids.map((id) => schemes.find((s) => s.id === id)).filter((s): s is SchemeInfo => s !== undefined);
          return items.length ? (
            <optgroup key={label} label={label}>
              {items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
        {others.length ? (
          <optgroup label="Other">
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {message ? (
        <span className="field-error" data-testid="field-error" data-field-error={field} role="alert">
          ✕ {message}
        </span>
      ) : null}
    </span>
  );
}

/** Where a scheme's formula comes from: the publisher's documentation links. */
export function SchemeSources({ scheme }: { scheme: SchemeInfo }) {
  if (scheme.sources.length === 0) {
    return <p className="scheme-sources small muted">Declarative: the options below are the whole formula.</p>;
  }
  return (
    <ul className="scheme-sources small">
      {scheme.sources.map((source) => {
        const { url, note } = splitSource(source);
        return (
          <li key={source}>
            <span className="muted">Source: </span>
            {url ? (
              <a href={url} target="_blank" rel="noreferrer noopener" className="source-link">
                {url.replace(/^https?:\/\//, '')}
                <EpIcon name="external" size={11} />
              </a>
            ) : null}
            {note ? <span className="muted"> — {note}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
