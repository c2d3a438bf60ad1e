import { useRef } from 'react';
import type { ResponseSpec } from '../../../src/model/endpoint';
import { Icon } from '../../components/Icon';
import { EpIcon } from './EpIcon';
import { ContainerErrors, NumberInput, SelectInput, TextArea, TextInput, useFieldError } from './fields';
import { TemplateHelp } from './TemplateHelp';

type Headers = Array<[string, string]>;

/** Name/value rows, in order, duplicates allowed: what the mock answers is exactly what is listed. */
export function HeadersEditor({
  headers,
  field,
  onChange,
  template = true,
}: {
  headers: Headers;
  /** e.g. `fallback.headers` */
  field: string;
  onChange: (next: Headers, touched: string) => void;
  template?: boolean;
}) {
  const set = (i: number, at: 0 | 1, text: string) => {
    const next = headers.map((h) => [...h] as [string, string]);
    next[i]![at] = text;
    onChange(next, `${field}[${i}]`);
  };
  return (
    <div className="headers-editor" data-field-container={field}>
      {headers.length ? (
        <div className="headers-grid" role="group" aria-label="Headers">
          {headers.map(([name, value], i) => (
            <div className="headers-row" key={i} data-field-container={`${field}[${i}]`}>
              <TextInput
                field={`${field}[${i}][0]`}
                label={`Header ${i + 1} name`}
                value={name}
                mono
                placeholder="Content-Type"
                onChange={(t) => set(i, 0, t)}
              />
              <TextInput
                field={`${field}[${i}][1]`}
                aliases={[`${field}[${i}]`]}
                label={`Header ${i + 1} value`}
                value={value}
                mono
                placeholder={template ? 'value or {{template}}' : 'value'}
                onChange={(t) => set(i, 1, t)}
              />
              <button
                type="button"
                className="btn btn-icon btn-quiet"
                title="Remove header"
                aria-label={`Remove header ${name || i + 1}`}
                onClick={() => onChange(headers.filter((_, j) => j !== i), field)}
              >
                <Icon name="close" size={14} />
              </button>
            </div>
          ))}
        </div>
      ) : (
        <p className="muted small empty-line">No headers.</p>
      )}
      <ContainerErrors field={field} />
      <button type="button" className="btn btn-small" onClick={() => onChange([...headers, ['', '']], field)}>
        <EpIcon name="plus" size={12} />
        Header
      </button>
    </div>
  );
}

type DelayKind = 'none' | 'fixed' | 'range';

/** Status, headers, body template and delay of one answer. `field` is its server path. */
export function ResponseEditor({
  value,
  field,
  onChange,
  testId,
}: {
  value: ResponseSpec;
  field: string;
  onChange: (mutate: (r: ResponseSpec) => void, touched: string) => void;
  testId?: string;
}) {
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const delay = value.delayMs;
  const kind: DelayKind = delay === undefined ? 'none' : typeof delay === 'number' ? 'fixed' : 'range';
  const delayError = useFieldError(`${field}.delayMs`);
  return (
    <div className="response-editor" data-field-container={field} data-testid={testId}>
      <ContainerErrors field={field} />
      <div className="response-line">
        <label className="inline-label">
          <span>Status</span>
          <NumberInput
            field={`${field}.status`}
            label="Status code"
            value={value.status}
            integer
            required
            className="status-input"
            testId="response-status"
            onChange={(n) => onChange((r) => void (r.status = n ?? NaN), `${field}.status`)}
          />
        </label>
        <span className={`status-hint ${statusTone(value.status)}`}>{statusWord(value.status)}</span>
        <span className="spacer" />
        <label className="inline-label">
          <span>Delay</span>
          <SelectInput<DelayKind>
            field={`${field}.delayMs.kind`}
            label="Delay"
            value={kind}
            options={[
              ['none', 'none'],
              ['fixed', 'fixed'],
              ['range', 'random in range'],
            ]}
            onChange={(k) =>
              onChange((r) => {
                if (k === 'none') delete r.delayMs;
                else if (k === 'fixed') r.delayMs = typeof r.delayMs === 'object' ? r.delayMs.min : 1000;
                else r.delayMs = { min: typeof r.delayMs === 'number' ? r.delayMs : 500, max: typeof r.delayMs === 'number' ? r.delayMs * 2 || 2000 : 2000 };
              }, `${field}.delayMs`)
            }
          />
        </label>
        {typeof delay === 'number' ? (
          <NumberInput
            field={`${field}.delayMs`}
            label="Delay in milliseconds"
            value={delay}
            integer
            required
            suffix="ms"
            className="ms-input"
            onChange={(n) => onChange((r) => void (r.delayMs = n ?? NaN), `${field}.delayMs`)}
          />
        ) : typeof delay === 'object' ? (
          <span className="range-inputs">
            <NumberInput
              field={`${field}.delayMs.min`}
              label="Shortest delay in milliseconds"
              value={delay.min}
              integer
              required
              className="ms-input"
              onChange={(n) => onChange((r) => void (r.delayMs = { ...(r.delayMs as { min: number; max: number }), min: n ?? NaN }), `${field}.delayMs`)}
            />
            <span aria-hidden="true">–</span>
            <NumberInput
              field={`${field}.delayMs.max`}
              label="Longest delay in milliseconds"
              value={delay.max}
              integer
              required
              suffix="ms"
              className="ms-input"
              onChange={(n) => onChange((r) => void (r.delayMs = { ...(r.delayMs as { min: number; max: number }), max: n ?? NaN }), `${field}.delayMs`)}
            />
          </span>
        ) : null}
      </div>
      {delayError && kind !== 'fixed' ? (
        <div className="field-error" data-testid="field-error" data-field-error={`${field}.delayMs`} role="alert">
          ✕ {delayError}
        </div>
      ) : null}

      <div className="sub-label">Headers</div>
      <HeadersEditor headers={value.headers} field={`${field}.headers`} onChange={(next, touched) => onChange((r) => void (r.headers = next), touched)} />

      <div className="sub-label body-label">
        <span>Body</span>
        <span className="muted small">template</span>
      </div>
      <TextArea
        field={`${field}.body`}
        label="Response body template"
        value={value.body}
        mono
        rows={Math.min(12, Math.max(3, value.body.split('\n').length + 1))}
        className="body-input"
        placeholder="OK — or e.g. {&quot;click_id&quot;: &quot;{{query.click_id}}&quot;}"
        testId="response-body"
        onRef={(el) => (bodyRef.current = el)}
        onChange={(t) => onChange((r) => void (r.body = t), `${field}.body`)}
      />
      <TemplateHelp target={() => bodyRef.current} onInsert={(t) => onChange((r) => void (r.body = t), `${field}.body`)} />
    </div>
  );
}

function statusTone(status: number): string {
  if (!Number.isFinite(status)) return 'muted';
  if (status < 300) return 'status-ok';
  if (status < 400) return 'status-redirect';
  if (status < 500) return 'status-client';
  return 'status-server';
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusWord(status: number): string {
  return REASONS[status] ?? '';
}
