import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { downloadJunit } from '../../api/scenarios';
import { errorMessage } from '../../api/http';
import { Icon } from '../../components/Icon';
import { detachFile, loadExamples, openFiles, openPlan, runPlan, scenariosStore } from '../../store/scenarios';

/** Where the plan comes from (an example, a file) and what to do with it (run, download the JUnit). */
export function ScenarioToolbar() {
  const { examples, fileName, text, starting, run, attachments } = useStore(
    scenariosStore,
    useShallow((s) => ({ examples: s.examples, fileName: s.fileName, text: s.text, starting: s.starting, run: s.run, attachments: s.attachments })),
  );
  const fileRef = useRef<HTMLInputElement>(null);
  const attachRef = useRef<HTMLInputElement>(null);
  const [junitError, setJunitError] = useState<string | null>(null);
  useEffect(() => {
    if (examples === null) void loadExamples();
  }, [examples]);
  const running = starting || (run !== null && run.finishedAt === null);
  const hasReport = run !== null && (run.status === 'passed' || run.status === 'failed');

  const openFile = async (file: File | undefined) => {
    if (file) openPlan(await file.text(), file.name);
    if (fileRef.current) fileRef.current.value = '';
  };
  const junit = async () => {
    setJunitError(null);
    try {
      await downloadJunit(run!.id);
    } catch (err) {
      setJunitError(errorMessage(err));
    }
  };

  return (
    <div className="sc-toolbar">
      {examples && examples.length > 0 ? (
        <select
          className="sc-examples"
          data-testid="scenario-example"
          aria-label="Load an example plan"
          value=""
          onChange={(e) => {
            const example = examples.find((x) => x.name === e.target.value);
            if (example) openPlan(example.text, example.name);
          }}
        >
          <option value="">Load example…</option>
          {examples.map((x) => (
            <option key={x.name} value={x.name}>
              {x.title}
            </option>
          ))}
        </select>
      ) : null}
      <button type="button" className="btn btn-small" onClick={() => fileRef.current?.click()}>
        Open .yaml…
      </button>
      <input ref={fileRef} type="file" accept=".yaml,.yml" hidden data-testid="scenario-file" onChange={(e) => void openFile(e.target.files?.[0])} />
      <span className="sc-file mono muted" title="Errors name this file; an example's golden files resolve next to it" data-testid="scenario-file-name">
        {fileName}
      </span>
      <button type="button" className="btn btn-small" onClick={() => attachRef.current?.click()} title="The files the plan names (a HAR to replay, golden requests): the app reads none from its disk, so they go with the plan. Dropping them on the plan does the same.">
        Attach files…
      </button>
      <input
        ref={attachRef}
        type="file"
        multiple
        hidden
        data-testid="scenario-attach"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void openFiles(files);
        }}
      />
      {attachments.length ? (
        <span className="sc-attachments" data-testid="scenario-attachments" aria-label="Attached files">
          {attachments.map((a) => (
            <span key={a.name} className="sc-attachment mono" title={`${a.size} bytes`}>
              {a.name}
              <button type="button" className="btn btn-icon btn-quiet" aria-label={`Detach ${a.name}`} onClick={() => detachFile(a.name)}>
                <Icon name="close" size={10} />
              </button>
            </span>
          ))}
        </span>
      ) : null}
      <span className="spacer" />
      {junitError ? (
        <span className="text-error small" role="alert">
          {junitError}
        </span>
      ) : null}
      <button type="button" className="btn btn-small" data-testid="scenario-junit" disabled={!hasReport} onClick={() => void junit()} title="The JUnit XML of this run, as `postback-inspector test --junit` writes it">
        <Icon name="download" size={14} />
        JUnit
      </button>
      <button type="button" className="btn btn-accent" data-testid="scenario-run" disabled={running || text.trim() === ''} onClick={() => void runPlan()} title="Run the plan against this app (Ctrl+Enter in the editor)">
        <Icon name="play" size={14} />
        {running ? 'Running…' : 'Run'}
      </button>
    </div>
  );
}
