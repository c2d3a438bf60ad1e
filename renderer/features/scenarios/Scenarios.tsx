import { useRef } from 'react';
import { useStore } from 'zustand';
import { scenariosStore } from '../../store/scenarios';
import { jumpToLine } from './editor-lines';
import { PlanEditor } from './PlanEditor';
import { RunResults } from './RunResults';
import { ScenarioToolbar } from './ScenarioToolbar';
import './scenarios.css';

/**
 * Scenarios (issue #14): a plan of `postback-inspector test`, edited and run inside the app, its
 * steps and expectations turning pass or fail live, each linked to the postbacks involved.
 */
export function Scenarios() {
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // A refusal before the run, or the app refusing a definition while setting up: both have a line.
  const refused = useStore(scenariosStore, (s) => s.problem);
  const setupProblem = useStore(scenariosStore, (s) => s.run?.planProblem ?? null);
  const problem = refused ?? setupProblem;
  return (
    <div className="scenarios-view" data-testid="scenarios-view">
      <ScenarioToolbar />
      <div className="sc-body">
        <PlanEditor problem={problem} textareaRef={textareaRef} />
        <RunResults onLine={(line) => jumpToLine(textareaRef.current, line)} />
      </div>
    </div>
  );
}
