import type { ReactNode } from 'react';
import type { SchemeInfo } from '../../api/verdicts';
import { NumberInput, SelectInput, TextInput, fieldDomId } from '../endpoints/fields';
import { ListInput } from '../endpoints/ListInput';
import { ALGORITHMS, MESSAGE_KINDS, NullableText, OUTPUTS, PlacementInput, Row, asPlacement, isObj, type Options, type SetKey } from './scheme-option-inputs';

/** One form per family of schemes: HMAC, concatenate-and-hash, and the rest (known keys, then free JSON). */

export function HmacOptionsForm({ eff, setKey, field }: { eff: Options; setKey: SetKey; field: string }) {
  const message = isObj(eff['message']) ? eff['message'] : { kind: 'raw-body' };
  const kind = String(message['kind']);
  const setMessage = (patch: Options) => setKey('message', { ...message, ...patch });
  const ts = isObj(eff['timestamp']) ? eff['timestamp'] : null;
  const f = (k: string) => `${field}.${k}`;
  return (
    <>
      <Row label="Algorithm" htmlFor={fieldDomId(f('algorithm'))}>
        <SelectInput field={f('algorithm')} label="HMAC algorithm" value={String(eff['algorithm'])} options={ALGORITHMS} onChange={(v) => setKey('algorithm', v)} testId="opt-algorithm" />
      </Row>
      <Row label="Signed message" htmlFor={fieldDomId(f('message.kind'))}>
        <SelectInput
          field={f('message.kind')}
          label="What is signed"
          value={kind}
          options={MESSAGE_KINDS}
          testId="opt-message-kind"
          onChange={(k) =>
            setKey(
              'message',
              k === 'sorted-params'
                ? { kind: k, source: 'query', encoding: 'rfc3986', pairSeparator: '&', kvSeparator: '=', order: 'sorted' }
                : k === 'template'
                  ? { kind: k, template: '{click_id}{secret}' }
                  : k === 'raw-body'
                    ? { kind: k }
                    : { kind: k, absolute: true },
            )
          }
        />
        {kind === 'full-url' || kind === 'url-without-signature' ? (
          <label className="check">
            <input type="checkbox" checked={message['absolute'] !== false} onChange={(e) => setMessage({ absolute: e.target.checked })} data-field={f('message.absolute')} />
            <span>With scheme and host (as the sender signed it — set “URL as signed” when a proxy sits in between)</span>
          </label>
        ) : null}
        {kind === 'sorted-params' ? (
          <div className="inline-fields wrap">
            <label className="inline-label">
              <span>from</span>
              <SelectInput field={f('message.source')} label="Params from" value={String(message['source'] ?? 'query')} options={[['query', 'query'], ['body', 'form body'], ['query+body', 'query + body']]} onChange={(v) => setMessage({ source: v })} />
            </label>
            <label className="inline-label">
              <span>encoded</span>
              <SelectInput
                field={f('message.encoding')}
                label="Encoding of names and values"
                value={String(message['encoding'] ?? 'rfc3986')}
                options={[['rfc3986', 'RFC 3986 (%20)'], ['form', 'form (+ for space)'], ['raw', 'raw, as sent'], ['decoded', 'decoded']]}
                onChange={(v) => setMessage({ encoding: v })}
              />
            </label>
            <label className="inline-label">
              <span>order</span>
              <SelectInput field={f('message.order')} label="Order" value={String(message['order'] ?? 'sorted')} options={[['sorted', 'sorted by name'], ['as-sent', 'as sent']]} onChange={(v) => setMessage({ order: v })} />
            </label>
            <label className="inline-label">
              <span>pairs joined by</span>
              <TextInput field={f('message.pairSeparator')} label="Pair separator" value={String(message['pairSeparator'] ?? '')} mono className="sep-input" placeholder="none" onChange={(v) => setMessage({ pairSeparator: v })} />
            </label>
            <label className="inline-label">
              <span>name/value by</span>
              <TextInput field={f('message.kvSeparator')} label="Name/value separator" value={String(message['kvSeparator'] ?? '')} mono className="sep-input" placeholder="none" onChange={(v) => setMessage({ kvSeparator: v })} />
            </label>
            <label className="inline-label grow">
              <span>leave out</span>
              <ListInput
                field={f('message.exclude')}
                label="Params left out"
                value={Array.isArray(message['exclude']) ? (message['exclude'] as string[]) : []}
                placeholder="(the signature param is always left out)"
                onChange={(v) => setMessage({ exclude: v.length ? v : undefined })}
              />
            </label>
          </div>
        ) : null}
        {kind === 'template' ? (
          <TextInput
            field={f('message.template')}
            label="Message template"
            value={String(message['template'] ?? '')}
            mono
            placeholder="{click_id}{event}{secret}"
            testId="opt-template"
            onChange={(v) => setMessage({ template: v })}
          />
        ) : null}
        {kind === 'template' ? (
          <span className="form-hint muted">
            <code>{'{secret}'}</code> <code>{'{body}'}</code> <code>{'{url}'}</code> <code>{'{path}'}</code> <code>{'{query}'}</code> <code>{'{method}'}</code> or a field:{' '}
            <code>{'{click_id}'}</code> <code>{'{header:X-Ts}'}</code> <code>{'{json:user.id}'}</code>
          </span>
        ) : null}
      </Row>
      <Row label="Output" htmlFor={fieldDomId(f('output'))}>
        <div className="inline-fields">
          <SelectInput field={f('output')} label="Digest encoding" value={String(eff['output'])} options={OUTPUTS} onChange={(v) => setKey('output', v)} testId="opt-output" />
          <label className="inline-label">
            <span>prefix</span>
            <TextInput field={f('prefix')} label="Prefix before the digest" value={String(eff['prefix'] ?? '')} mono placeholder="none, e.g. sha256=" onChange={(v) => setKey('prefix', v)} />
          </label>
        </div>
      </Row>
      <Row label="Signature in">
        <PlacementInput value={asPlacement(eff['signature'])} onChange={(p) => setKey('signature', p)} field={f('signature')} />
      </Row>
      <Row label="Timestamp">
        <label className="check">
          <input
            type="checkbox"
            checked={ts !== null}
            data-field={f('timestamp')}
            onChange={(e) => setKey('timestamp', e.target.checked ? { field: 'header:X-Timestamp', toleranceSec: 300, unit: 's' } : null)}
          />
          <span>Check a timestamp the sender includes</span>
        </label>
        {ts ? (
          <div className="inline-fields">
            <TextInput field={f('timestamp.field')} label="Timestamp field" value={String(ts['field'] ?? '')} mono className="grow" placeholder="header:X-Timestamp" onChange={(v) => setKey('timestamp', { ...ts, field: v })} />
            <NumberInput field={f('timestamp.toleranceSec')} label="Tolerance in seconds" value={typeof ts['toleranceSec'] === 'number' ? ts['toleranceSec'] : undefined} integer suffix="s tolerance" className="count-input" onChange={(n) => setKey('timestamp', { ...ts, toleranceSec: n ?? 0 })} />
            <SelectInput field={f('timestamp.unit')} label="Timestamp unit" value={String(ts['unit'] ?? 's')} options={[['s', 'seconds'], ['ms', 'milliseconds']]} onChange={(v) => setKey('timestamp', { ...ts, unit: v })} />
          </div>
        ) : null}
      </Row>
    </>
  );
}

export function ConcatOptionsForm({ eff, setKey, field }: { eff: Options; setKey: SetKey; field: string }) {
  const f = (k: string) => `${field}.${k}`;
  const fields = Array.isArray(eff['fields']) ? (eff['fields'] as string[]) : [];
  return (
    <>
      <Row label="Algorithm" htmlFor={fieldDomId(f('algorithm'))}>
        <SelectInput field={f('algorithm')} label="Hash algorithm" value={String(eff['algorithm'])} options={ALGORITHMS} onChange={(v) => setKey('algorithm', v)} testId="opt-algorithm" />
      </Row>
      <Row label="Fields, in order" htmlFor={fieldDomId(f('fields'))} hint="Field references: a bare name, query:x, body:x, json:a.b or header:X-Name.">
        <ListInput field={f('fields')} label="Fields in signing order" value={fields} placeholder="click_id, event, payout" onChange={(v) => setKey('fields', v)} />
      </Row>
      <Row label="Separator" htmlFor={fieldDomId(f('separator'))}>
        <div className="inline-fields wrap">
          <TextInput field={f('separator')} label="Separator between fields" value={String(eff['separator'] ?? '')} mono className="sep-input" placeholder="none" onChange={(v) => setKey('separator', v)} />
          <label className="inline-label">
            <span>secret at</span>
            <SelectInput field={f('secretPosition')} label="Where the secret goes" value={String(eff['secretPosition'])} options={[['end', 'the end'], ['start', 'the start'], ['none', 'nowhere']]} onChange={(v) => setKey('secretPosition', v)} />
          </label>
          <label className="inline-label">
            <span>joined by</span>
            <NullableText field={f('secretSeparator')} label="Separator next to the secret" value={(eff['secretSeparator'] as string | null) ?? null} placeholder="same" onChange={(v) => setKey('secretSeparator', v)} />
          </label>
        </div>
      </Row>
      <Row label="Values" hint="Absent fields: an empty slot, or left out (optional params such as pub0…pub9).">
        <div className="inline-fields wrap">
          <SelectInput field={f('values')} label="Values as" value={String(eff['values'])} options={[['decoded', 'decoded (as $_GET gives them)'], ['raw', 'raw, as sent']]} onChange={(v) => setKey('values', v)} />
          <SelectInput field={f('missing')} label="Absent fields" value={String(eff['missing'])} options={[['empty', 'absent → empty slot'], ['skip', 'absent → left out']]} onChange={(v) => setKey('missing', v)} />
        </div>
      </Row>
      <Row label="Output" htmlFor={fieldDomId(f('output'))}>
        <div className="inline-fields">
          <SelectInput field={f('output')} label="Digest encoding" value={String(eff['output'])} options={OUTPUTS} onChange={(v) => setKey('output', v)} testId="opt-output" />
          <label className="check">
            <input type="checkbox" checked={eff['uppercase'] === true} onChange={(e) => setKey('uppercase', e.target.checked)} data-field={f('uppercase')} />
            <span>upper-case hex</span>
          </label>
        </div>
      </Row>
      <Row label="Signature in">
        <PlacementInput value={asPlacement(eff['signature'])} onChange={(p) => setKey('signature', p)} field={f('signature')} />
      </Row>
    </>
  );
}

const KNOWN: Record<string, { label: string; hint?: string; choices?: ReadonlyArray<readonly [string, string]> }> = {
  header: { label: 'Header', hint: 'The header carrying the signature.' },
  toleranceSec: { label: 'Tolerance', hint: 'Seconds the timestamp may be off; 0 turns the check off.' },
  headerPrefix: { label: 'Header prefix', choices: [['', 'either (webhook- or svix-)'], ['webhook-', 'webhook-'], ['svix-', 'svix-']] },
  msgId: { label: 'Message id', hint: 'Only used when signing; empty: a random msg_….' },
  algorithm: { label: 'Algorithm', choices: [['sha1', 'SHA-1'], ['sha256', 'SHA-256']] },
  params: { label: 'POST values', choices: [['decoded', 'decoded'], ['raw', 'raw, still URL-encoded']] },
  version: {
    label: 'Version',
    hint: 'Read from the body’s version field unless forced: each version signs its own field order.',
    choices: [['', 'from the postback'], ['1.0', '1.0'], ['2.0', '2.0'], ['2.1', '2.1'], ['2.2', '2.2'], ['3.0', '3.0'], ['4.0', '4.0']],
  },
  unsignedFields: { label: 'Unsigned fields', hint: 'Body fields kept outside the JWS when signing a test postback.' },
  kid: { label: 'Key id (kid)', hint: 'Written into the JWS header when signing.' },
};

export function OtherOptionsForm({ scheme, eff, setKey, field }: { scheme: SchemeInfo; eff: Options; setKey: SetKey; field: string }) {
  const keys = Object.keys(scheme.defaults);
  if (keys.length === 0) return <p className="muted small">This scheme has no options.</p>;
  return (
    <>
      {keys.map((key) => {
        const known = KNOWN[key];
        const label = known?.label ?? key;
        const f = `${field}.${key}`;
        const def = scheme.defaults[key];
        const value = eff[key];
        let input: ReactNode;
        if (known?.choices) {
          input = (
            <SelectInput field={f} label={label} value={value === null || value === undefined ? '' : String(value)} options={known.choices} onChange={(v) => setKey(key, v === '' ? null : v)} />
          );
        } else if (typeof def === 'number') {
          input = <NumberInput field={f} label={label} value={typeof value === 'number' ? value : undefined} integer className="ms-input" onChange={(n) => setKey(key, n)} />;
        } else if (typeof def === 'boolean') {
          input = (
            <label className="check">
              <input type="checkbox" checked={value === true} onChange={(e) => setKey(key, e.target.checked)} data-field={f} />
              <span>{label}</span>
            </label>
          );
        } else if (Array.isArray(def)) {
          input = <ListInput field={f} label={label} value={Array.isArray(value) ? (value as string[]) : []} placeholder="a, b, c" onChange={(v) => setKey(key, v)} />;
        } else if (def === null || typeof def === 'string') {
          input = <NullableText field={f} label={label} value={value === null || value === undefined ? null : String(value)} placeholder={def === null ? 'default' : ''} onChange={(v) => setKey(key, def === null ? v : (v ?? ''))} />;
        } else {
          input = <code className="mono small">{JSON.stringify(value)}</code>;
        }
        return (
          <Row key={key} label={label} hint={known?.hint} htmlFor={fieldDomId(f)}>
            {input}
          </Row>
        );
      })}
    </>
  );
}
