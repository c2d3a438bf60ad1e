import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ComparedSide, ComparisonResult, ComparisonToggles } from '../../../src/model/comparison';
import { errorMessage } from '../../api/client';
import { diffApi } from '../../api/diff';
import { EndpointBadge } from '../../components/EndpointBadge';
import { Icon } from '../../components/Icon';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { VisibleText } from '../../components/VisibleText';
import { copyText } from '../../lib/clipboard';
import { exactTime } from '../../lib/format';
import { diffStore, expectedBody, loadDiff, setMode, setToggle, type DiffState } from '../../store/diff';
import { select } from '../../store/selection';
import { settingsStore } from '../../store/settings';
import '../../styles/diff.css';
import { BodyDiff, bodyKinds } from './BodyDiff';
import { DiffIcon } from './DiffIcon';
import { HeadersDiff, isVolatileNoise } from './HeadersDiff';
import { IgnoreRulesEditor } from './IgnoreRulesEditor';
import { plural } from '../../lib/format';
import { Changed, countKinds, KindTag, rowClass, stopProps } from './kinds';
import { currentStop, diffStops, jumpDifference, registerDiffRoot } from './navigation';
import { ParamsDiff } from './ParamsDiff';
import { SidePicker } from './SidePicker';

/** "What changed?": two postbacks side by side (or unified), every difference labelled, noise shown as noise. */
export function DiffView() {
  const s = useStore(
    diffStore,
    useShallow((s: DiffState) => ({
      left: s.left,
      right: s.right,
      expected: s.expected,
      result: s.result,
      phase: s.phase,
      error: s.error,
      ruleErrors: s.ruleErrors,
      mode: s.mode,
      showVolatile: s.showVolatile,
      showUnchanged: s.showUnchanged,
    })),
  );
  const rootRef = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ index: -1, total: 0 });

  useEffect(() => {
    registerDiffRoot(rootRef.current, (index, total) => setPos({ index, total }));
    return () => registerDiffRoot(null, null);
  }, []);

  // Coming back to the view (or a reload) with sides chosen but nothing loaded yet.
  useEffect(() => {
    const st = diffStore.getState();
    if ((st.left !== null || st.expected !== null) && st.right !== null && st.phase === 'idle') void loadDiff();
  }, []);

  const hasLeft = s.left !== null || s.expected !== null;
  const showing =
    s.result !== null &&
    s.result.right.kind === 'exchange' &&
    s.result.right.id === s.right &&
    (s.expected !== null ? s.result.left.kind === 'expected' : s.result.left.kind === 'exchange' && s.result.left.id === s.left);
  const stale = useDelayed(s.phase === 'loading' && s.result !== null);
  const slow = useDelayed(s.phase === 'loading' && !showing);

  useLayoutEffect(() => {
    const stops = diffStops();
    setPos({ index: currentStop(stops), total: stops.length });
  }, [s.result, s.mode, s.showVolatile, s.showUnchanged, s.phase]);

  let content: ReactNode;
  if (!hasLeft || s.right === null) {
    content = <Instructions one={s.left ?? s.right} />;
  } else if (s.phase === 'error') {
    content = (
      <InlineError
        title={Object.keys(s.ruleErrors).length ? 'An ignore rule is not valid' : 'Could not compare these postbacks'}
        action={
          <button type="button" className="btn" onClick={() => void loadDiff()}>
            Retry
          </button>
        }
      >
        {Object.keys(s.ruleErrors).length ? 'Fix or remove the rule marked above; the comparison runs again at once.' : s.error}
      </InlineError>
    );
  } else if (s.result && (showing || s.phase === 'loading')) {
    content = <ResultView result={s.result} mode={s.mode} showVolatile={s.showVolatile} showUnchanged={s.showUnchanged} />;
  } else {
    content = slow ? <SkeletonBlock lines={14} /> : null;
  }

  return (
    <div className="diff-view" data-testid="diff-view">
      <div className="d-toolbar">
        <SidePicker />
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Layout">
          <button type="button" className="seg" aria-pressed={s.mode === 'split'} onClick={() => setMode('split')} data-testid="mode-split">
            Side by side
          </button>
          <button type="button" className="seg" aria-pressed={s.mode === 'unified'} onClick={() => setMode('unified')} data-testid="mode-unified">
            Unified
          </button>
        </div>
        <div className="d-nav" role="group" aria-label="Differences">
          <button type="button" className="btn btn-icon" onClick={() => jumpDifference(-1)} disabled={pos.total === 0} title="Previous difference (p)" aria-label="Previous difference (p)" data-testid="diff-prev">
            <DiffIcon name="up" />
          </button>
          <span className="d-nav-pos num" aria-live="polite" data-testid="diff-position">
            {pos.total === 0 ? '0' : `${pos.index === -1 ? '–' : pos.index + 1}/${pos.total}`}
          </span>
          <button type="button" className="btn btn-icon" onClick={() => jumpDifference(1)} disabled={pos.total === 0} title="Next difference (n)" aria-label="Next difference (n)" data-testid="diff-next">
            <DiffIcon name="down" />
          </button>
        </div>
        <CopyMarkdown />
      </div>
      {hasLeft && s.right !== null ? (
        <>
          <Toggles />
          <IgnoreRulesEditor />
        </>
      ) : null}
      <div className={`d-scroll ${stale && !showing ? 'is-stale' : ''}`} ref={rootRef} aria-busy={s.phase === 'loading'}>
        {content}
      </div>
    </div>
  );
}

function Instructions({ one }: { one: number | null }) {
  return (
    <div className="d-instructions" data-testid="diff-instructions">
      <h2>Compare two postbacks</h2>
      {one !== null ? <p>One side is chosen (#{one}). Enter the other postback’s id above.</p> : null}
      <ol>
        <li>
          In the <strong>Inbox</strong>, select a postback, then <kbd>Shift</kbd>- or <kbd>Ctrl</kbd>-click a second one (or <kbd>Shift</kbd>+<kbd>↓</kbd>).
        </li>
        <li>
          Press <kbd>d</kbd>. The older one goes on the left.
        </li>
      </ol>
      <p className="muted">
        Or type two ids above. From a postback’s detail, “vs previous” compares it with the one before it for the same endpoint or
        click id.
      </p>
    </div>
  );
}

function useEffectiveToggles(): Required<ComparisonToggles> {
  return useStore(
    diffStore,
    useShallow((s) => {
      const applied = s.result?.options;
      return {
        paramOrder: s.overrides.paramOrder ?? applied?.paramOrder ?? false,
        headerOrder: s.overrides.headerOrder ?? applied?.headerOrder ?? false,
        volatileHeaders: s.overrides.volatileHeaders ?? applied?.volatileHeaders ?? false,
        jsonArrays: s.overrides.jsonArrays ?? applied?.jsonArrays ?? 'index',
      };
    }),
  );
}

function Toggles() {
  const t = useEffectiveToggles();
  const check = (name: 'paramOrder' | 'headerOrder' | 'volatileHeaders', label: string, help: string) => (
    <label className="d-check" title={help}>
      <input type="checkbox" checked={t[name]} onChange={(e) => setToggle(name, e.target.checked)} data-testid={`toggle-${name}`} />
      {label}
    </label>
  );
  return (
    <div className="d-toggles" role="group" aria-label="What counts as a difference">
      <span className="d-rules-title">Count</span>
      {check('paramOrder', 'Param order', 'Count a change in query / form parameter order (signatures over the raw query depend on it)')}
      {check('headerOrder', 'Header order', 'Count a change in header order')}
      {check('volatileHeaders', 'Volatile headers', 'Count date, user-agent, content-length, x-request-id… (otherwise shown as noise)')}
      <label className="d-check" title="JSON arrays: pair moved elements (one “moved” entry) instead of comparing index by index">
        <input
          type="checkbox"
          checked={t.jsonArrays === 'move-aware'}
          onChange={(e) => setToggle('jsonArrays', e.target.checked ? 'move-aware' : 'index')}
          data-testid="toggle-jsonArrays"
        />
        Move-aware arrays
      </label>
    </div>
  );
}

function CopyMarkdown() {
  const request = useStore(diffStore, (s) => s.resultRequest);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const cache = useRef<{ request: DiffState['resultRequest']; text: Promise<string> } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const textFor = useCallback((req: NonNullable<DiffState['resultRequest']>) => {
    if (cache.current?.request !== req) {
      const text = typeof req.a === 'number' ? diffApi.markdown(req.a, req.b, req.options) : diffApi.expectedMarkdown(expectedBody(req.a, req.b, req.options));
      text.catch(() => undefined);
      cache.current = { request: req, text };
    }
    return cache.current.text;
  }, []);

  // Fetched when the pointer or focus reaches the button: ready by the click, which then writes
  // the clipboard while it still counts as a user gesture.
  const prefetch = () => {
    if (request) void textFor(request).catch(() => undefined);
  };

  const onClick = async () => {
    if (!request) return;
    setProblem(null);
    try {
      await copyText(await textFor(request));
      setState('copied');
    } catch (err) {
      cache.current = null;
      setProblem(errorMessage(err));
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button
      type="button"
      className={`btn ${state === 'copied' ? 'is-done' : ''}`}
      onClick={() => void onClick()}
      onPointerEnter={prefetch}
      onFocus={prefetch}
      disabled={!request}
      title={problem ?? 'Copy this diff as Markdown, for a bug report'}
      data-testid="copy-markdown"
    >
      {state === 'copied' ? <Icon name="check" size={14} /> : <DiffIcon name="doc" />}
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy as Markdown'}</span>
    </button>
  );
}

function SideCard({ side, which }: { side: ComparedSide; which: 'left' | 'right' }) {
  return (
    <div className={`d-side-card d-side-card-${which}`} data-testid={`diff-side-${which}`}>
      <span className={`d-side-label d-side-label-${which}`}>{which === 'left' ? 'Left' : 'Right'}</span>
      {side.kind === 'exchange' ? (
        <>
          <button
            type="button"
            className="link-button mono num"
            title="Open this postback in the Inbox"
            onClick={() => {
              select(side.id);
              settingsStore.getState().setView('inbox');
            }}
          >
            #{side.id}
          </button>
          <span className={`method method-${side.method.toLowerCase()}`}>{side.method}</span>
          <span className="d-side-url mono" title={side.url}>
            <VisibleText text={side.url} />
          </span>
          <EndpointBadge id={side.endpointId} />
          <span className="d-side-time muted num" title="Received at (local time)">
            {exactTime(side.receivedAt)}
          </span>
        </>
      ) : (
        <>
          <span className="muted">expected</span>
          <span className={`method method-${side.method.toLowerCase()}`}>{side.method}</span>
          <span className="d-side-url mono" title={side.url}>
            <VisibleText text={side.url} />
          </span>
        </>
      )}
    </div>
  );
}

function Section({ title, note, children, testId }: { title: string; note?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="d-section" data-testid={testId}>
      <h3 className="section-title">
        {title}
        {note ? <span className="d-section-note">{note}</span> : null}
      </h3>
      {children}
    </section>
  );
}

function ResultView({ result, mode, showVolatile, showUnchanged }: { result: ComparisonResult; mode: DiffState['mode']; showVolatile: boolean; showUnchanged: boolean }) {
  const { method, path } = result;
  const requestLineChanged = method.changed || path.kind !== 'unchanged';
  const headerMain = result.headers.filter((e) => e.kind !== 'unchanged' && !isVolatileNoise(e));
  const volatile = result.headers.filter(isVolatileNoise).length;
  const counted = result.differences;

  return (
    <div className="d-result" data-testid="diff-result" data-identical={result.identical}>
      <div className="d-sides">
        <SideCard side={result.left} which="left" />
        <SideCard side={result.right} which="right" />
      </div>

      <div className={`d-summary ${result.identical ? 'is-identical' : 'is-different'}`} data-testid="diff-summary" role="status">
        <span className="d-verdict" data-testid="diff-verdict">
          {result.identical ? '✓ identical' : `≠ ${plural(counted, 'difference')}`}
        </span>
        <span className="d-summary-text">{result.summary}</span>
        {result.options.ignore.length ? <span className="d-summary-note muted">{plural(result.options.ignore.length, 'ignore rule')} applied</span> : null}
      </div>

      {requestLineChanged ? (
        <Section title="Request line" testId="diff-request-line">
          <table className="d-table">
            <tbody>
              {method.changed ? (
                <tr className={rowClass({ kind: 'changed', counted: method.counted })} {...stopProps({ kind: 'changed' })}>
                  <td className="d-col-kind">
                    <KindTag kind="changed" counted={method.counted} />
                  </td>
                  <td className="d-col-name">Method</td>
                  <td className="d-side mono">{method.left}</td>
                  <td className="d-side mono">{method.right}</td>
                </tr>
              ) : null}
              {path.kind !== 'unchanged' ? (
                <tr className={rowClass({ kind: path.kind, counted: path.counted })} {...stopProps(path)}>
                  <td className="d-col-kind">
                    <KindTag kind={path.kind} counted={path.counted} />
                  </td>
                  <td className="d-col-name">Path</td>
                  <td className="d-side">
                    <span className="d-value">
                      <Changed text={path.left} other={path.right} side="left" />
                    </span>
                  </td>
                  <td className="d-side">
                    <span className="d-value">
                      <Changed text={path.right} other={path.left} side="right" />
                    </span>
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </Section>
      ) : null}

      <Section title="Query parameters" note={countKinds(result.query) || 'none'} testId="diff-query">
        <ParamsDiff entries={result.query} mode={mode} what="query" />
      </Section>

      <Section
        title="Headers"
        note={
          [headerMain.length ? countKinds(headerMain) : 'no counted differences', volatile ? `${volatile} volatile` : ''].filter(Boolean).join(' · ')
        }
        testId="diff-headers"
      >
        <HeadersDiff entries={result.headers} mode={mode} showVolatile={showVolatile} showUnchanged={showUnchanged} />
      </Section>

      <Section
        title={`Body · ${bodyKinds(result.body)}`}
        note={result.body.identical ? (result.body.bytesEqual ? 'identical bytes' : 'identical') : plural(result.body.differences, 'difference')}
        testId="diff-body"
      >
        <BodyDiff body={result.body} mode={mode} showUnchanged={showUnchanged} />
      </Section>
    </div>
  );
}
