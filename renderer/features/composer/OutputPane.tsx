import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SendProblem, TemplateSpec } from '../../../src/model/sender';
import { useDelayed } from '../../components/Skeleton';
import { Tabs, type TabDef } from '../../components/Tabs';
import { composerStore, currentLastSend, currentSpec, editTemplate, setResultTab, type ResultTab } from '../../store/composer';
import { send } from '../../store/composer-send';
import { openEnvironments } from '../../store/environments';
import { outboxStore, shownState } from '../../store/outbox';
import { settingsStore } from '../../store/settings';
import { StateBadge } from '../outbox/StateBadge';
import { dialectOfToken, replaceToken, rewriteFor } from './annotate';
import { focusValue } from './MacroChips';
import { PreviewPanel } from './PreviewPanel';
import { ResultPanel } from './ResultPanel';
import { normalizeName } from './template';

export function OutputPane() {
  const { tab, refusal, sendError, sending, lastSend, problems } = useStore(
    composerStore,
    useShallow((s) => ({ tab: s.resultTab, refusal: s.refusal, sendError: s.sendError, sending: s.sending, lastSend: currentLastSend(s), problems: s.preview?.problems.length ?? 0 })),
  );
  const item = useStore(outboxStore, (s) => (lastSend ? (s.byId[lastSend.outboxId] ?? null) : null));
  const tabs: TabDef<ResultTab>[] = [
    {
      key: 'preview',
      label: (
        <>
          Preview
          {problems ? (
            <span className="tab-errors num" aria-label={`${problems} problems`}>
              ✕ {problems}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'result',
      label: (
        <>
          Result
          {item ? <StateBadge state={shownState(item)} compact /> : null}
        </>
      ),
    },
  ];
  return (
    <section className="composer-output" aria-label="Preview and result">
      {refusal ? <RefusalBox problems={refusal.problems} sending={sending} /> : null}
      {sendError ? (
        <div className="notice notice-error send-error" role="alert" data-testid="send-error">
          ✕ <strong>Not sent.</strong> {sendError}
        </div>
      ) : null}
      <Tabs tabs={tabs} active={tab} onChange={setResultTab} idPrefix="composer-output" />
      <div className="tab-panel composer-panel" id="composer-output-panel" role="tabpanel" aria-labelledby={`composer-output-tab-${tab}`}>
        {tab === 'preview' ? <PreviewPanel /> : <ResultPanel />}
      </div>
    </section>
  );
}

/** 422 SEND_REFUSED: what stopped it, named; the fixes sit with each problem in the preview below. */
function RefusalBox({ problems, sending }: { problems: SendProblem[]; sending: boolean }) {
  const slow = useDelayed(sending);
  return (
    <div className="refusal" role="alert" data-testid="send-refused">
      <span className="inline-error-icon" aria-hidden="true">
        ✕
      </span>
      <div className="refusal-text">
        <strong>Not sent:</strong>{' '}
        {problems.map((p, i) => (
          <span key={i} className="refusal-item">
            {i > 0 ? '; ' : ''}
            {p.code === 'unknown-macro' ? 'unknown macro ' : p.code === 'unknown-variable' ? 'unknown variable ' : p.code === 'empty-value' ? 'empty value for ' : p.code === 'unreplaced-macro' ? 'unreplaced macro ' : ''}
            {p.token ? <code className="mono problem-token">{p.token}</code> : p.message}
          </span>
        ))}
        <span className="muted"> — {problems.length === 1 ? 'its fix is' : 'each has its fix'} below.</span>
      </div>
      <button type="button" className="btn btn-small btn-danger" onClick={() => void send(true)} disabled={sending} data-testid="send-anyway" title="Send the request exactly as the preview shows it, problems included">
        {slow ? 'Sending…' : 'Send anyway'}
      </button>
    </div>
  );
}

/** Problems with the fix that applies: set the value, mark it optional, rewrite the token. */
export function ProblemList({ problems, testId }: { problems: SendProblem[]; testId: string }) {
  const spec = useStore(composerStore, currentSpec);
  return (
    <ul className="problem-list" data-testid={testId}>
      {problems.map((p, i) => (
        <li key={`${p.code}-${p.token ?? ''}-${i}`} className={`problem problem-${p.code}`} data-code={p.code}>
          <span className="problem-icon" aria-hidden="true">
            {p.code === 'empty-value' ? '⚠' : '✕'}
          </span>
          <span className="problem-text">
            {p.token ? <code className="mono problem-token">{p.token}</code> : null} {p.message}
          </span>
          <ProblemFix problem={p} spec={spec} />
        </li>
      ))}
    </ul>
  );
}

function ProblemFix({ problem, spec }: { problem: SendProblem; spec: TemplateSpec }) {
  const token = problem.token;
  if (problem.code === 'unknown-macro' && token) {
    const name = dialectOfToken(token)?.name ?? token.replace(/[^A-Za-z0-9_.-]/g, '');
    return (
      <button type="button" className="btn btn-small" onClick={() => focusValue(name)} data-testid="fix-set-value">
        Give it a value
      </button>
    );
  }
  if (problem.code === 'unknown-variable') {
    return (
      <button type="button" className="btn btn-small" onClick={() => openEnvironments()} data-testid="fix-environment">
        Edit environments
      </button>
    );
  }
  if (problem.code === 'empty-value' && token) {
    const name = dialectOfToken(token)?.name ?? token;
    return (
      <span className="problem-fixes">
        <button type="button" className="btn btn-small" onClick={() => focusValue(name)}>
          Fill it
        </button>
        <button
          type="button"
          className="btn btn-small"
          title="Saved with the template: this macro may be empty"
          onClick={() => editTemplate((t) => void (t.optional = [...(t.optional ?? []).filter((n) => normalizeName(n) !== normalizeName(name)), name]), 'optional')}
        >
          Mark optional
        </button>
      </span>
    );
  }
  if (problem.code === 'unreplaced-macro' && token) {
    const found = dialectOfToken(token);
    const rewrite = rewriteFor(token, spec.dialect);
    if (found && rewrite && found.dialect !== spec.dialect && (spec.url.includes(token) || spec.body.includes(token) || spec.headers.some(([n, v]) => n.includes(token) || v.includes(token)))) {
      return (
        <button type="button" className="btn btn-small" title={`${token} is ${found.dialect}-dialect; this template speaks ${spec.dialect}`} onClick={() => editTemplate((t) => replaceToken(t, token, rewrite), 'url')}>
          Rewrite as <code className="mono">{rewrite}</code>
        </button>
      );
    }
    return <span className="muted small">It came in with a value: check the values.</span>;
  }
  if (problem.code === 'signature') {
    return (
      <button type="button" className="btn btn-small" onClick={() => settingsStore.getState().setView('profiles')} title="The profile needs a signature scheme and a secret to sign">
        Open Profiles
      </button>
    );
  }
  if (problem.code === 'invalid-url' || problem.code === 'invalid-method' || problem.code === 'invalid-header' || problem.code === 'invalid-json') {
    return <span className="muted small">Fix it in Request.</span>;
  }
  return null;
}
