import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { clearExpected, compareExpected, diffStore, setSides, swapSides } from '../../store/diff';
import { DiffIcon } from './DiffIcon';
import { expectedLabel, parseExpected } from './expected';

function parseId(text: string): number | null | 'invalid' {
  const t = text.trim().replace(/^#/, '');
  if (t === '') return null;
  return /^\d{1,15}$/.test(t) && Number(t) > 0 ? Number(t) : 'invalid';
}

/** Pick the two sides by postback id; the left is the reference. */
export function SidePicker() {
  const { left, right, expected } = useStore(diffStore, useShallow((s) => ({ left: s.left, right: s.right, expected: s.expected })));
  const [pasting, setPasting] = useState(false);
  const [a, setA] = useState(left === null ? '' : String(left));
  const [b, setB] = useState(right === null ? '' : String(right));
  const [problem, setProblem] = useState<string | null>(null);
  const rightRef = useRef<HTMLInputElement>(null);
  const leftRef = useRef<HTMLInputElement>(null);

  // Follow changes from elsewhere (the Inbox's `d`, swap, "open diff" in a detail).
  useEffect(() => setA(left === null ? '' : String(left)), [left]);
  useEffect(() => setB(right === null ? '' : String(right)), [right]);
  // One side chosen from the Inbox: ask for the other.
  useEffect(() => {
    if (left !== null && right === null) rightRef.current?.focus();
    else if (left === null && right !== null) leftRef.current?.focus();
  }, [left, right]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const l = parseId(a);
    const r = parseId(b);
    if (l === 'invalid' || r === 'invalid') {
      setProblem('A postback id is a number, e.g. 12 or #12.');
      return;
    }
    setProblem(null);
    if (expected) {
      if (r !== right) setSides(left, r);
    } else setSides(l, r);
  };

  return (
    <form className="d-picker" onSubmit={submit} data-testid="diff-picker" aria-label="Postbacks to compare">
      <label className="d-pick" hidden={expected !== null}>
        <span className="d-pick-label">Left</span>
        <input
          ref={leftRef}
          className={`mono ${problem && parseId(a) === 'invalid' ? 'is-invalid' : ''}`}
          value={a}
          onChange={(e) => setA(e.target.value)}
          onBlur={() => submit()}
          placeholder="#id"
          inputMode="numeric"
          spellCheck={false}
          aria-label="Left postback id (the reference)"
          data-testid="diff-left-id"
        />
      </label>
      {expected ? (
        <span className="d-pick">
          <span className="d-pick-label">Left</span>
          <span className="chip mono d-expected-chip" title={expectedLabel(expected)} data-testid="diff-expected">
            <span className="d-rule-tag">expected</span>
            <span className="d-expected-text">{expectedLabel(expected)}</span>
            <button type="button" className="chip-remove" onClick={clearExpected} aria-label="Compare with a stored postback again">
              <Icon name="close" size={12} />
            </button>
          </span>
        </span>
      ) : null}
      <button
        type="button"
        className="btn"
        aria-expanded={pasting}
        onClick={() => setPasting((p) => !p)}
        title="Compare an expected request (e.g. a template's expansion) with a capture: proves the wire did not change it"
        data-testid="diff-paste-expected"
      >
        {expected ? 'Edit expected…' : 'Expected…'}
      </button>
      <button
        type="button"
        className="btn btn-icon"
        onClick={swapSides}
        disabled={expected !== null}
        title="Swap left and right"
        aria-label="Swap left and right"
        data-testid="diff-swap"
      >
        <DiffIcon name="swap" />
      </button>
      <label className="d-pick">
        <span className="d-pick-label">Right</span>
        <input
          ref={rightRef}
          className={`mono ${problem && parseId(b) === 'invalid' ? 'is-invalid' : ''}`}
          value={b}
          onChange={(e) => setB(e.target.value)}
          onBlur={() => submit()}
          placeholder="#id"
          inputMode="numeric"
          spellCheck={false}
          aria-label="Right postback id (checked against the left)"
          data-testid="diff-right-id"
        />
      </label>
      <button type="submit" className="btn" data-testid="diff-compare">
        Compare
      </button>
      {problem ? (
        <span className="field-error d-field-error" role="alert">
          ✕ {problem}
        </span>
      ) : null}
      {pasting ? <ExpectedEditor right={right} onDone={() => setPasting(false)} /> : null}
    </form>
  );
}

/** Paste the request as it should have been sent; it goes on the left, the capture on the right. */
function ExpectedEditor({ right, onDone }: { right: number | null; onDone: () => void }) {
  const expected = useStore(diffStore, (s) => s.expected);
  const [text, setText] = useState(() =>
    expected ? [`${expected.method} ${expected.url} HTTP/1.1`, ...(expected.rawHeaders ?? []).map(([n, v]) => `${n}: ${v}`)].join('\n') + (expected.body ? `\n\n${expected.body}` : '') : '',
  );
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const parsed = parseExpected(text);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    if (right === null) {
      setError('Enter the captured postback’s id on the right first.');
      return;
    }
    setError(null);
    compareExpected(parsed, right);
    onDone();
  };
  return (
    <div className="d-expected" data-testid="expected-editor">
      <textarea
        className="mono"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={6}
        spellCheck={false}
        placeholder={'GET /postback?click_id=abc&payout=1.50 HTTP/1.1\nHost: partner.example\nUser-Agent: tracker/2.1\n\n(body, if any)'}
        aria-label="Expected request: a URL, or a request line, headers, a blank line and the body"
        aria-invalid={error ? true : undefined}
        data-testid="expected-text"
      />
      <div className="d-expected-actions">
        <button type="button" className="btn btn-accent" onClick={apply} data-testid="expected-compare">
          Compare with #{right ?? '…'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        {error ? (
          <span className="field-error d-field-error" role="alert">
            ✕ {error}
          </span>
        ) : (
          <span className="muted small">Strings are compared as typed; the capture on the right is what arrived.</span>
        )}
      </div>
    </div>
  );
}
