import type { Condition, EndpointInput, Rule } from '../../../src/model/endpoint';
import { Icon } from '../../components/Icon';
import { newRule, plainResponse } from './draft';
import { EpIcon } from './EpIcon';
import { ContainerErrors, NumberInput, SelectInput, TextInput } from './fields';
import { FailureEditor } from './FailureEditor';
import { ResponseEditor } from './ResponseEditor';

export type Edit = (mutate: (value: EndpointInput) => void, touched?: string) => void;

const SOURCES: ReadonlyArray<readonly [Condition['source'], string]> = [
  ['query', 'query param'],
  ['header', 'header'],
  ['json', 'JSON body path'],
  ['form', 'form field'],
  ['path', 'path param'],
  ['method', 'method'],
  ['body', 'raw body'],
  ['requestNumber', 'request number'],
];

const OPS: ReadonlyArray<readonly [Condition['op'], string]> = [
  ['equals', 'equals'],
  ['not-equals', 'does not equal'],
  ['contains', 'contains'],
  ['matches', 'matches regex'],
  ['present', 'is present'],
  ['absent', 'is absent'],
  ['lte', '≤ (number)'],
  ['gte', '≥ (number)'],
];

const NAME_HINT: Partial<Record<Condition['source'], string>> = {
  query: 'click_id',
  header: 'X-Signature',
  json: 'user.id',
  form: 'status',
  path: 'partner',
};

const VALUE_HINT: Partial<Record<Condition['op'], string>> = {
  matches: '^[a-f0-9]{32}$',
  lte: '3',
  gte: '3',
};

const NO_NAME = new Set<Condition['source']>(['method', 'body', 'requestNumber']);
const NO_VALUE = new Set<Condition['op']>(['present', 'absent']);

export function RulesTab({ value, edit }: { value: EndpointInput; edit: Edit }) {
  return (
    <div className="rules-tab" data-field-container="rules">
      <p className="tab-intro muted">
        Rules are tried top to bottom; the first enabled rule whose conditions all hold answers. When none does, the{' '}
        <strong>Fallback</strong> answers.
      </p>
      <ContainerErrors field="rules" />
      {value.rules.length === 0 ? (
        <div className="empty-rules">
          <p>No rules: every request gets the fallback response ({value.fallback.status}).</p>
          <p className="muted small" data-testid="fallback-failure-hint">
            To fail the first N requests (a retry test), no rule is needed: set <strong>Failure injection</strong> on the Fallback tab.
          </p>
        </div>
      ) : null}
      {value.rules.map((rule, r) => (
        <RuleCard key={r} rule={rule} index={r} count={value.rules.length} edit={edit} />
      ))}
      <button
        type="button"
        className="btn"
        data-testid="add-rule"
        onClick={() => edit((v) => void v.rules.push(newRule(v.rules)), 'rules')}
      >
        <EpIcon name="plus" />
        Add rule
      </button>
    </div>
  );
}

function RuleCard({ rule, index: r, count, edit }: { rule: Rule; index: number; count: number; edit: Edit }) {
  const at = `rules[${r}]`;
  const editRule = (mutate: (rule: Rule) => void, touched: string) => edit((v) => mutate(v.rules[r]!), touched);
  const move = (to: number) =>
    edit((v) => {
      const [moved] = v.rules.splice(r, 1);
      v.rules.splice(to, 0, moved!);
    }, 'rules');
  const sequence = rule.responses.length > 1;

  return (
    <section
      className={`rule-card ${rule.enabled ? '' : 'is-disabled'}`}
      data-testid="rule-card"
      data-field-container={at}
      aria-label={`Rule ${r + 1}${rule.name ? `: ${rule.name}` : ''}`}
    >
      <header className="rule-head">
        <span className="rule-index num" aria-hidden="true">
          {r + 1}
        </span>
        <label className="check" title="A disabled rule is skipped">
          <input
            type="checkbox"
            checked={rule.enabled}
            onChange={(e) => editRule((x) => void (x.enabled = e.target.checked), `${at}.enabled`)}
            data-field={`${at}.enabled`}
          />
          <span>{rule.enabled ? 'On' : 'Off'}</span>
        </label>
        {rule.enabled ? null : <span className="rule-off-note muted">skipped</span>}
        <TextInput
          field={`${at}.name`}
          label={`Rule ${r + 1} name`}
          value={rule.name ?? ''}
          placeholder="Rule name (optional)"
          className="rule-name"
          onChange={(t) => editRule((x) => (t ? (x.name = t) : delete x.name), `${at}.name`)}
        />
        <TextInput
          field={`${at}.id`}
          label={`Rule ${r + 1} id`}
          value={rule.id}
          mono
          className="rule-id"
          title="Rule id: names this rule in “answered by”"
          onChange={(t) => editRule((x) => void (x.id = t), `${at}.id`)}
        />
        <span className="rule-actions">
          <button type="button" className="btn btn-icon btn-quiet" disabled={r === 0} onClick={() => move(r - 1)} title="Move rule up" aria-label={`Move rule ${r + 1} up`}>
            <EpIcon name="up" />
          </button>
          <button type="button" className="btn btn-icon btn-quiet" disabled={r === count - 1} onClick={() => move(r + 1)} title="Move rule down" aria-label={`Move rule ${r + 1} down`}>
            <EpIcon name="down" />
          </button>
          <button
            type="button"
            className="btn btn-icon btn-quiet"
            onClick={() => edit((v) => void v.rules.splice(r, 1), 'rules')}
            title="Remove rule (until you save, Revert brings it back)"
            aria-label={`Remove rule ${r + 1}`}
          >
            <Icon name="trash" size={14} />
          </button>
        </span>
      </header>
      <ContainerErrors field={at} />

      <div className="rule-section">
        <div className="rule-section-title">When</div>
        <Conditions rule={rule} at={at} editRule={editRule} />
      </div>

      <div className="rule-section">
        <div className="rule-section-title">
          {sequence ? `Respond with a sequence of ${rule.responses.length}` : 'Respond with'}
        </div>
        <ContainerErrors field={`${at}.responses`} />
        {rule.responses.map((response, i) => (
          <div key={i} className={sequence ? 'sequence-item' : undefined} data-field-container={`${at}.responses[${i}]`}>
            {sequence ? (
              <div className="sequence-head">
                <span className="sequence-step num">
                  {i + 1} of {rule.responses.length}
                </span>
                <span className="spacer" />
                <button
                  type="button"
                  className="btn btn-icon btn-quiet"
                  disabled={i === 0}
                  aria-label={`Move response ${i + 1} earlier`}
                  title="Earlier in the sequence"
                  onClick={() => editRule((x) => x.responses.splice(i - 1, 0, ...x.responses.splice(i, 1)), `${at}.responses`)}
                >
                  <EpIcon name="up" />
                </button>
                <button
                  type="button"
                  className="btn btn-icon btn-quiet"
                  disabled={i === rule.responses.length - 1}
                  aria-label={`Move response ${i + 1} later`}
                  title="Later in the sequence"
                  onClick={() => editRule((x) => x.responses.splice(i + 1, 0, ...x.responses.splice(i, 1)), `${at}.responses`)}
                >
                  <EpIcon name="down" />
                </button>
                <button
                  type="button"
                  className="btn btn-icon btn-quiet"
                  aria-label={`Remove response ${i + 1}`}
                  title="Remove from the sequence"
                  onClick={() =>
                    editRule((x) => {
                      x.responses.splice(i, 1);
                      if (x.responses.length < 2) delete x.sequenceEnd;
                    }, `${at}.responses`)
                  }
                >
                  <Icon name="close" size={14} />
                </button>
              </div>
            ) : null}
            <ResponseEditor
              value={response}
              field={`${at}.responses[${i}]`}
              onChange={(mutate, touched) => editRule((x) => mutate(x.responses[i]!), touched)}
            />
          </div>
        ))}
        <div className="sequence-foot">
          <button
            type="button"
            className="btn btn-small"
            data-testid="add-response"
            onClick={() =>
              editRule((x) => {
                x.responses.push(structuredClone(x.responses[x.responses.length - 1] ?? plainResponse()));
                x.sequenceEnd ??= 'stick';
              }, `${at}.responses`)
            }
          >
            <EpIcon name="plus" size={12} />
            {sequence ? 'Add to sequence' : 'Make it a sequence'}
          </button>
          {sequence ? (
            <label className="inline-label">
              <span>After the last</span>
              <SelectInput<'stick' | 'loop'>
                field={`${at}.sequenceEnd`}
                label="After the last response of the sequence"
                value={rule.sequenceEnd ?? 'stick'}
                options={[
                  ['stick', 'keep answering the last'],
                  ['loop', 'start again from the first'],
                ]}
                onChange={(end) => editRule((x) => void (x.sequenceEnd = end), `${at}.sequenceEnd`)}
              />
            </label>
          ) : null}
        </div>
      </div>

      <div className="rule-section">
        <div className="rule-section-title">Failure injection</div>
        <FailureEditor failure={rule.failure} at={`${at}.failure`} testSuffix={String(r)} editHost={editRule} />
      </div>
    </section>
  );
}

function Conditions({ rule, at, editRule }: { rule: Rule; at: string; editRule: (m: (rule: Rule) => void, touched: string) => void }) {
  const editCondition = (c: number, mutate: (cond: Condition) => void, touched: string) => editRule((x) => mutate(x.conditions[c]!), touched);
  return (
    <div className="conditions" data-field-container={`${at}.conditions`}>
      {rule.conditions.length === 0 ? <p className="muted small empty-line">Always: no conditions.</p> : null}
      {rule.conditions.map((cond, c) => {
        const cat = `${at}.conditions[${c}]`;
        return (
          <div className="condition-row" key={c} data-testid="condition-row" data-field-container={cat}>
            <span className="condition-and muted small" aria-hidden="true">
              {c === 0 ? 'if' : 'and'}
            </span>
            <SelectInput
              field={`${cat}.source`}
              label={`Condition ${c + 1} source`}
              value={cond.source}
              options={SOURCES}
              testId="condition-source"
              onChange={(source) =>
                editCondition(c, (x) => {
                  x.source = source;
                  if (NO_NAME.has(source)) x.name = '';
                }, cat)
              }
            />
            <TextInput
              field={`${cat}.name`}
              label={`Condition ${c + 1} name`}
              value={cond.name}
              mono
              disabled={NO_NAME.has(cond.source)}
              placeholder={NO_NAME.has(cond.source) ? '—' : (NAME_HINT[cond.source] ?? 'name')}
              testId="condition-name"
              onChange={(t) => editCondition(c, (x) => void (x.name = t), `${cat}.name`)}
            />
            <SelectInput
              field={`${cat}.op`}
              label={`Condition ${c + 1} operator`}
              value={cond.op}
              options={OPS}
              testId="condition-op"
              onChange={(op) =>
                editCondition(c, (x) => {
                  x.op = op;
                  if (NO_VALUE.has(op)) delete x.value;
                  else x.value ??= '';
                }, cat)
              }
            />
            <TextInput
              field={`${cat}.value`}
              label={`Condition ${c + 1} value`}
              value={cond.value ?? ''}
              mono
              disabled={NO_VALUE.has(cond.op)}
              placeholder={NO_VALUE.has(cond.op) ? '—' : (VALUE_HINT[cond.op] ?? 'value')}
              testId="condition-value"
              onChange={(t) => editCondition(c, (x) => void (x.value = t), `${cat}.value`)}
            />
            <button
              type="button"
              className="btn btn-icon btn-quiet"
              aria-label={`Remove condition ${c + 1}`}
              title="Remove condition"
              onClick={() => editRule((x) => void x.conditions.splice(c, 1), `${at}.conditions`)}
            >
              <Icon name="close" size={14} />
            </button>
          </div>
        );
      })}
      <ContainerErrors field={`${at}.conditions`} />
      <button
        type="button"
        className="btn btn-small"
        data-testid="add-condition"
        onClick={() => editRule((x) => void x.conditions.push({ source: 'query', name: '', op: 'equals', value: '' }), `${at}.conditions`)}
      >
        <EpIcon name="plus" size={12} />
        Condition
      </button>
    </div>
  );
}
