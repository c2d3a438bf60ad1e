import { useEffect, useState } from 'react';
import type { SchemeInfo } from '../../api/verdicts';
import { parseJson, prettyJson } from '../endpoints/draft';
import { ContainerErrors } from '../endpoints/fields';
import { isObj, same, type Options } from './scheme-option-inputs';
import { HmacOptionsForm, ConcatOptionsForm, OtherOptionsForm } from './SchemeOptionForms';

/** Which form draws a scheme's options: recognised by the shape of its defaults. */
export function schemeFamily(defaults: Options): 'hmac' | 'concat' | 'other' {
  if ('message' in defaults && 'prefix' in defaults && 'output' in defaults) return 'hmac';
  if ('fields' in defaults && 'secretPosition' in defaults) return 'concat';
  return 'other';
}

/** Schemes whose canonical message contains the URL: the URL as signed (scheme + host) matters. */
export function signsUrl(scheme: SchemeInfo | null, options: Options): boolean {
  if (!scheme) return false;
  if (scheme.id === 'twilio') return true;
  const message = { ...scheme.defaults, ...options }['message'];
  if (!isObj(message)) return false;
  if (message['kind'] === 'full-url' || message['kind'] === 'url-without-signature') return message['absolute'] !== false;
  return message['kind'] === 'template' && String(message['template']).includes('{url}');
}

/** Apple schemes verify with a public key (Apple's own by default), not a shared secret. */
export function usesPublicKey(schemeId: string | null | undefined): boolean {
  return schemeId === 'skadnetwork' || schemeId === 'adattributionkit';
}

interface Props {
  scheme: SchemeInfo;
  /** Only what differs from the scheme's defaults (merged over them, shallow). */
  options: Options;
  onChange: (next: Options, touched: string) => void;
  /** The server's path of the options object, e.g. `signature.options`. */
  field: string;
}

/**
 * A scheme's options as a form. Values show the effective setting (the defaults merged with the
 * profile's); changing one back to its default drops it from the saved options.
 */
export function SchemeOptions({ scheme, options, onChange, field }: Props) {
  const defaults = scheme.defaults;
  const eff: Options = { ...defaults, ...options };
  const setKey = (key: string, value: unknown) => {
    const next = { ...options };
    if (value === undefined || same(value, defaults[key])) delete next[key];
    else next[key] = value;
    onChange(next, `${field}.${key}`);
  };
  const family = schemeFamily(defaults);
  const overridden = Object.keys(options).filter((k) => !same(options[k], defaults[k]));
  return (
    <div className="scheme-options" data-field-container={field} data-testid="scheme-options">
      <ContainerErrors field={field} />
      {family === 'hmac' ? (
        <HmacOptionsForm eff={eff} setKey={setKey} field={field} />
      ) : family === 'concat' ? (
        <ConcatOptionsForm eff={eff} setKey={setKey} field={field} />
      ) : (
        <OtherOptionsForm scheme={scheme} eff={eff} setKey={setKey} field={field} />
      )}
      <div className="options-foot small muted">
        {overridden.length ? (
          <>
            Changed from the {scheme.id} defaults: <code>{overridden.join(', ')}</code>
            <button type="button" className="link-button" onClick={() => onChange({}, field)} data-testid="options-reset">
              Reset to defaults
            </button>
          </>
        ) : (
          <>All {scheme.id} defaults.</>
        )}
      </div>
      <OptionsJson options={options} onChange={(next) => onChange(next, field)} />
    </div>
  );
}

/** Every option as JSON, for what the form does not draw. Applies as soon as it parses into an object. */
function OptionsJson({ options, onChange }: { options: Options; onChange: (next: Options) => void }) {
  const [text, setText] = useState(() => prettyJson(options));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const parsed = parseJson(text);
    if (!parsed.ok || !same(parsed.value, options)) {
      setText(prettyJson(options));
      setProblem(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options]);
  return (
    <details className="options-json">
      <summary className="small">Options as JSON</summary>
      <textarea
        className="mono"
        rows={Math.min(12, text.split('\n').length + 1)}
        spellCheck={false}
        value={text}
        aria-label="Scheme options as JSON"
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseJson(e.target.value);
          if (!parsed.ok) setProblem(parsed.message);
          else if (!isObj(parsed.value)) setProblem('options are a JSON object');
          else {
            setProblem(null);
            onChange(parsed.value);
          }
        }}
      />
      {problem ? <span className="field-error">✕ {problem}</span> : null}
    </details>
  );
}
