import type { Failure, ResponseSpec } from '../../../src/model/endpoint';
import { plainResponse } from './draft';
import { NumberInput, SelectInput } from './fields';
import { ResponseEditor } from './ResponseEditor';

type FailureMode = Failure['mode'] | 'none';

const FAILURES: ReadonlyArray<readonly [FailureMode, string]> = [
  ['none', 'None: always answer as below'],
  ['fail-first', 'Fail the first N requests'],
  ['fail-percent', 'Fail a percentage (seeded)'],
  ['timeout', 'Answer late (timeout)'],
  ['hang', 'Hang: never answer'],
  ['close', 'Close the connection'],
  ['reset', 'Reset the socket (RST)'],
  ['malformed', 'Send a malformed response'],
];

const FAILURE_HELP: Record<Failure['mode'], string> = {
  'fail-first': 'The first N requests get the failure response; later ones get the normal response. “Reset counters” starts over.',
  'fail-percent': 'This share of requests fails. A seeded generator picks which, so the same seed fails the same request numbers on every run.',
  timeout: 'Answers as above, but only after this long: set it longer than the sender’s timeout.',
  hang: 'Never answers: the connection stays open until the client gives up.',
  close: 'Closes the connection without sending a response.',
  reset: 'Resets the TCP connection: the client sees ECONNRESET.',
  malformed: 'Sends bytes that are not valid HTTP: the client’s parser fails.',
};

/** Anything that can carry a failure mode: a rule, or the fallback (through an adapter). */
export interface FailureHost {
  failure?: Failure;
}

/**
 * Failure injection for a rule or the fallback. `editHost` mutates the host in the draft;
 * `at` is the field path errors are reported under (`rules[0].failure`, `fallbackFailure`).
 */
export function FailureEditor({
  failure,
  at,
  testSuffix,
  editHost,
}: {
  failure: Failure | undefined;
  at: string;
  testSuffix: string;
  editHost: (m: (host: FailureHost) => void, touched: string) => void;
}) {
  const mode: FailureMode = failure?.mode ?? 'none';
  const editFailure = (mutate: (f: Failure) => void, touched: string) => editHost((x) => x.failure && mutate(x.failure), touched);
  const setMode = (next: FailureMode) =>
    editHost((x) => {
      if (next === 'none') {
        delete x.failure;
        return;
      }
      const keep = x.failure?.response;
      const f: Failure = { mode: next };
      if (next === 'fail-first') f.count = x.failure?.count ?? 1;
      if (next === 'fail-percent') {
        f.percent = x.failure?.percent ?? 50;
        f.seed = x.failure?.seed ?? 1;
      }
      if (next === 'timeout') f.delayMs = x.failure?.delayMs ?? 30_000;
      if (keep && (next === 'fail-first' || next === 'fail-percent')) f.response = keep;
      x.failure = f;
    }, at);
  const failsWithResponse = mode === 'fail-first' || mode === 'fail-percent';
  return (
    <div className="failure-editor" data-field-container={at}>
      <div className="failure-line">
        <SelectInput<FailureMode>
          field={`${at}.mode`}
          label="Failure injection mode"
          value={mode}
          options={FAILURES}
          testId="failure-mode"
          onChange={setMode}
        />
        {mode === 'fail-first' ? (
          <label className="inline-label">
            <span>N</span>
            <NumberInput
              field={`${at}.count`}
              label="How many requests fail first"
              value={failure?.count}
              integer
              className="count-input"
              testId="failure-count"
              onChange={(n) => editFailure((f) => (n === undefined ? delete f.count : (f.count = n)), `${at}.count`)}
            />
          </label>
        ) : null}
        {mode === 'fail-percent' ? (
          <>
            <label className="inline-label">
              <span>Percent</span>
              <NumberInput
                field={`${at}.percent`}
                label="Share of requests that fail, in percent"
                value={failure?.percent}
                suffix="%"
                className="count-input"
                testId="failure-percent"
                onChange={(n) => editFailure((f) => (n === undefined ? delete f.percent : (f.percent = n)), `${at}.percent`)}
              />
            </label>
            <label className="inline-label">
              <span>Seed</span>
              <NumberInput
                field={`${at}.seed`}
                label="Seed of the failure generator"
                value={failure?.seed}
                integer
                className="count-input"
                onChange={(n) => editFailure((f) => (n === undefined ? delete f.seed : (f.seed = n)), `${at}.seed`)}
              />
            </label>
          </>
        ) : null}
        {mode === 'timeout' || mode === 'close' || mode === 'reset' || mode === 'malformed' ? (
          <label className="inline-label">
            <span>{mode === 'timeout' ? 'Answer after' : 'After'}</span>
            <NumberInput
              field={`${at}.delayMs`}
              label={mode === 'timeout' ? 'Answer after, in milliseconds' : 'Misbehave after, in milliseconds'}
              value={failure?.delayMs}
              integer
              suffix="ms"
              className="ms-input"
              testId="failure-delay"
              onChange={(n) => editFailure((f) => (n === undefined ? delete f.delayMs : (f.delayMs = n)), `${at}.delayMs`)}
            />
          </label>
        ) : null}
      </div>
      {mode !== 'none' ? <p className="failure-help muted small">{FAILURE_HELP[mode]}</p> : null}
      {failsWithResponse ? (
        <div className="failure-response">
          <label className="check">
            <input
              type="checkbox"
              checked={failure?.response !== undefined}
              data-field={`${at}.response`}
              onChange={(e) =>
                editFailure((f) => {
                  if (e.target.checked) f.response = plainResponse(500, 'Internal Server Error') as ResponseSpec;
                  else delete f.response;
                }, `${at}.response`)
              }
            />
            <span>Custom failure response</span>
            {failure?.response === undefined ? <span className="muted small">(default: 500 Internal Server Error)</span> : null}
          </label>
          {failure?.response ? (
            <ResponseEditor
              value={failure.response}
              field={`${at}.response`}
              testId={`failure-response-${testSuffix}`}
              onChange={(mutate, touched) => editFailure((f) => f.response && mutate(f.response), touched)}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
