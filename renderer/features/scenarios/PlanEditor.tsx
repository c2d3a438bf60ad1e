import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useStore } from 'zustand';
import { FileDropZone } from '../../components/FileDropZone';
import { InlineError } from '../../components/InlineError';
import type { PlanProblem } from '../../store/plan-problem';
import { editPlan, openFiles, runPlan, scenariosStore } from '../../store/scenarios';
import { jumpToLine } from './editor-lines';

/**
 * The plan as text: a monospace textarea with line numbers, so a refusal "line 9, column 13" can
 * be found at a glance (the line is marked in the gutter and one click puts the caret there).
 * A .yaml file dropped on it replaces the text; other files dropped with it (or alone) are attached
 * to the plan, for the relative files it names.
 */
export function PlanEditor({ problem, textareaRef }: { problem: PlanProblem | null; textareaRef: RefObject<HTMLTextAreaElement | null> }) {
  const text = useStore(scenariosStore, (s) => s.text);
  const gutterRef = useRef<HTMLDivElement>(null);
  const opened = useStore(scenariosStore, (s) => s.opened);
  const lineCount = useMemo(() => text.split('\n').length, [text]);
  useEffect(() => {
    if (textareaRef.current) textareaRef.current.scrollTop = 0;
    if (gutterRef.current) gutterRef.current.scrollTop = 0;
  }, [opened, textareaRef]);

  return (
    <section className="sc-editor" aria-label="Plan">
      <FileDropZone className="sc-editor-frame" hint="Drop a .yaml plan to open it, or the files it names to attach them" onFiles={openFiles}>
        <div className="sc-gutter mono" ref={gutterRef} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={problem?.line === i + 1 ? 'is-error' : undefined}>
              {problem?.line === i + 1 ? '✕ ' : ''}
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={textareaRef}
          className="sc-textarea mono"
          data-testid="scenario-plan"
          aria-label="Scenario plan (YAML)"
          aria-invalid={problem ? true : undefined}
          spellCheck={false}
          wrap="off"
          value={text}
          placeholder={'name: My partner flow\nsteps:\n  - request: { path: /click }\nexpect:\n  - arrives: /postback\n\nLoad an example, open a .yaml file, or drop one here (with the files it names).'}
          onChange={(e) => editPlan(e.target.value)}
          onScroll={(e) => {
            if (gutterRef.current) gutterRef.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={(e) => {
            // Ctrl/Cmd+Enter runs, as in most editors with a "run" action.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void runPlan();
            }
          }}
        />
      </FileDropZone>
      {problem ? (
        <div data-testid="scenario-plan-error">
          <InlineError
            title={`The plan is not valid (line ${problem.line}, column ${problem.col})`}
            action={
              <button type="button" className="btn btn-small" onClick={() => jumpToLine(textareaRef.current, problem.line, problem.col)}>
                Go to line {problem.line}
              </button>
            }
          >
            <span className="mono">{problem.message}</span>
          </InlineError>
        </div>
      ) : null}
    </section>
  );
}
