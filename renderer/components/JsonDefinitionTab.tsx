import { useMemo, useRef } from 'react';
import type { FieldError } from '../../src/model/endpoint';
import { jsonLines, lineForField, parseJson, prettyJson } from '../lib/json-draft';
import { CopyButton } from './CopyButton';

const LINE_HEIGHT = 18;

/** Test ids differ per view (the E2E tests address each editor's own). */
export interface JsonTabTestIds {
  text: string;
  parseError: string;
  errors: string;
  shapeProblem?: string;
}

/**
 * A whole definition (endpoint, profile) as JSON. The server validates it on save; its field
 * errors are listed here with the line each one points at, and marked in the gutter.
 */
export function JsonDefinitionTab({
  text,
  parseError,
  shapeProblem,
  errors,
  onChange,
  hint,
  label,
  testIds,
}: {
  text: string;
  parseError: string | null;
  shapeProblem: string | null;
  errors: readonly FieldError[];
  onChange: (text: string) => void;
  /** Shown when the text is fine: what editing here does. */
  hint: string;
  /** The textarea's accessible name. */
  label: string;
  testIds: JsonTabTestIds;
}) {
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);

  const parsed = useMemo(() => parseJson(text), [text]);
  // Line numbers are exact only for the canonical layout; a hand-formatted text gets none rather than wrong ones.
  const lines = useMemo(() => (parsed.ok && prettyJson(parsed.value) === text ? jsonLines(parsed.value) : null), [parsed, text]);
  const located = errors.map((e) => ({ ...e, line: lines ? lineForField(lines, e.field) : null }));
  const errorLines = new Set(located.map((e) => e.line).filter((l): l is number => l !== null));
  const parseLine = parseError ? /line (\d+)/.exec(parseError)?.[1] : undefined;
  if (parseLine) errorLines.add(Number(parseLine));
  const lineCount = text.split('\n').length;

  const goToLine = (line: number) => {
    const area = areaRef.current;
    if (!area) return;
    const all = area.value.split('\n');
    const start = all.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (all[line - 1]?.length ?? 0));
    area.scrollTop = Math.max(0, (line - 4) * LINE_HEIGHT);
  };

  return (
    <div className="json-tab">
      <div className="toolbar json-toolbar">
        {parseError ? (
          <span className="text-error small" role="alert" data-testid={testIds.parseError}>
            ✕ Not valid JSON: {parseError}
          </span>
        ) : shapeProblem ? (
          <span className="text-warn small" role="status" data-testid={testIds.shapeProblem}>
            ⚠ The form cannot show this ({shapeProblem}). Save sends the JSON as is; the server will say what is wrong.
          </span>
        ) : (
          <span className="muted small">{hint}</span>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          disabled={!parsed.ok || lines !== null}
          onClick={() => parsed.ok && onChange(prettyJson(parsed.value))}
          title="Re-indent with two spaces"
        >
          Format
        </button>
        <CopyButton text={text} label="Copy" className="btn-small" />
      </div>
      {located.length ? (
        <ul className="json-errors" data-testid={testIds.errors} aria-label="Problems the server found">
          {located.map((e, i) => (
            <li key={i}>
              {e.line !== null ? (
                <button type="button" className="link-button" onClick={() => goToLine(e.line!)}>
                  line {e.line}
                </button>
              ) : null}
              <code className="mono">{e.field}</code>
              <span>{e.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="json-editor">
        <div className="json-gutter mono num" ref={gutterRef} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={errorLines.has(i + 1) ? 'is-error' : undefined}>
              {errorLines.has(i + 1) ? '✕ ' : ''}
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={areaRef}
          className="json-text mono"
          value={text}
          spellCheck={false}
          wrap="off"
          aria-label={label}
          aria-invalid={parseError ? true : undefined}
          data-testid={testIds.text}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutterRef.current) gutterRef.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
    </div>
  );
}
