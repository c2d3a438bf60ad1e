import { useMemo, useState } from 'react';
import type { TextHunk } from '../../../src/diff/types';
import { VisibleText } from '../../components/VisibleText';
import { setShowUnchanged, type DiffMode } from '../../store/diff';
import { plural } from '../../lib/format';
import { Changed } from './kinds';

/** A text body diff, split or unified, with unchanged runs folded around the changes. */

const CONTEXT = 3;
/** Rows drawn at most before "show all": a text diff of a huge body must not freeze the view. */
const MAX_ROWS = 2000;

type Line = { no: number; text: string };
type SplitRow =
  | { type: 'line'; kind: 'same' | 'change' | 'removed' | 'added'; left: Line | null; right: Line | null; stop: boolean }
  | { type: 'fold'; count: number };
type UnifiedRow =
  | { type: 'line'; kind: 'same' | 'removed' | 'added'; left: number | null; right: number | null; text: string; stop: boolean }
  | { type: 'fold'; count: number };

/** Unchanged runs longer than the context around changes fold into one row. */
function foldUnchanged(hunks: readonly TextHunk[], i: number, showAll: boolean): Array<{ j: number } | { fold: number }> {
  const h = hunks[i]!;
  const n = h.lines.length;
  const head = i === 0 ? 0 : CONTEXT;
  const tail = i === hunks.length - 1 ? 0 : CONTEXT;
  if (showAll || n <= head + tail + 1) return h.lines.map((_, j) => ({ j }));
  const out: Array<{ j: number } | { fold: number }> = [];
  for (let j = 0; j < head; j++) out.push({ j });
  out.push({ fold: n - head - tail });
  for (let j = n - tail; j < n; j++) out.push({ j });
  return out;
}

function splitRows(hunks: readonly TextHunk[], showAll: boolean): SplitRow[] {
  const rows: SplitRow[] = [];
  for (let i = 0; i < hunks.length; i++) {
    const h = hunks[i]!;
    if (h.kind === 'unchanged') {
      for (const item of foldUnchanged(hunks, i, showAll)) {
        if ('fold' in item) rows.push({ type: 'fold', count: item.fold });
        else {
          const text = h.lines[item.j]!;
          rows.push({ type: 'line', kind: 'same', left: { no: h.leftStart + item.j, text }, right: { no: h.rightStart + item.j, text }, stop: false });
        }
      }
      continue;
    }
    const next = hunks[i + 1];
    if (h.kind === 'removed' && next?.kind === 'added') {
      const n = Math.max(h.lines.length, next.lines.length);
      for (let k = 0; k < n; k++) {
        const l = h.lines[k];
        const r = next.lines[k];
        rows.push({
          type: 'line',
          kind: l !== undefined && r !== undefined ? 'change' : l !== undefined ? 'removed' : 'added',
          left: l !== undefined ? { no: h.leftStart + k, text: l } : null,
          right: r !== undefined ? { no: next.rightStart + k, text: r } : null,
          stop: k === 0,
        });
      }
      i++;
      continue;
    }
    h.lines.forEach((text, k) => {
      const line = { no: (h.kind === 'removed' ? h.leftStart : h.rightStart) + k, text };
      rows.push({
        type: 'line',
        kind: h.kind === 'removed' ? 'removed' : 'added',
        left: h.kind === 'removed' ? line : null,
        right: h.kind === 'added' ? line : null,
        stop: k === 0,
      });
    });
  }
  return rows;
}

function unifiedRows(hunks: readonly TextHunk[], showAll: boolean): UnifiedRow[] {
  const rows: UnifiedRow[] = [];
  for (let i = 0; i < hunks.length; i++) {
    const h = hunks[i]!;
    if (h.kind === 'unchanged') {
      for (const item of foldUnchanged(hunks, i, showAll)) {
        if ('fold' in item) rows.push({ type: 'fold', count: item.fold });
        else rows.push({ type: 'line', kind: 'same', left: h.leftStart + item.j, right: h.rightStart + item.j, text: h.lines[item.j]!, stop: false });
      }
      continue;
    }
    // A change block (removed then added) is one stop.
    const stop = !(h.kind === 'added' && hunks[i - 1]?.kind === 'removed');
    h.lines.forEach((text, k) => {
      rows.push({
        type: 'line',
        kind: h.kind as 'removed' | 'added',
        left: h.kind === 'removed' ? h.leftStart + k : null,
        right: h.kind === 'added' ? h.rightStart + k : null,
        text,
        stop: stop && k === 0,
      });
    });
  }
  return rows;
}

function Fold({ count, colSpan }: { count: number; colSpan: number }) {
  return (
    <tr className="d-fold">
      <td colSpan={colSpan}>
        <button type="button" className="link-button" onClick={() => setShowUnchanged(true)}>
          ⋯ {plural(count, 'unchanged line')}
        </button>
      </td>
    </tr>
  );
}

export function TextDiff({ hunks, mode, showUnchanged }: { hunks: readonly TextHunk[]; mode: DiffMode; showUnchanged: boolean }) {
  const [all, setAll] = useState(false);
  const rows = useMemo(() => (mode === 'split' ? splitRows(hunks, showUnchanged) : unifiedRows(hunks, showUnchanged)), [hunks, mode, showUnchanged]);
  const shown = all ? rows : rows.slice(0, MAX_ROWS);
  const more = rows.length - shown.length;
  const lc = (text: string) => (text === '' ? '\u00a0' : <VisibleText text={text} />);
  return (
    <>
      <table className={`d-text ${mode === 'unified' ? 'd-unified' : ''}`} data-testid="text-diff">
        {/* Widths come from here, not from the first row (which may be a fold spanning all columns). */}
        {mode === 'split' ? (
          <colgroup>
            <col className="d-col-ln" />
            <col />
            <col className="d-col-ln d-split-mid" />
            <col />
          </colgroup>
        ) : (
          <colgroup>
            <col className="d-col-ln" />
            <col className="d-col-ln" />
            <col className="d-col-gutter" />
            <col />
          </colgroup>
        )}
        <tbody>
          {mode === 'split'
            ? (shown as SplitRow[]).map((r, i) =>
                r.type === 'fold' ? (
                  <Fold key={i} count={r.count} colSpan={4} />
                ) : (
                  <tr key={i} className={`d-tline t-${r.kind}`} {...(r.stop ? { 'data-diff-stop': r.kind } : {})} data-testid="text-diff-line">
                    <td className="d-ln">{r.left?.no ?? ''}</td>
                    <td className={`d-tc ${r.left && r.kind !== 'same' ? 'is-left' : ''} ${r.left ? '' : 'is-blank'}`}>
                      {r.left ? (r.kind === 'change' ? <Changed text={r.left.text} other={r.right?.text ?? null} side="left" /> : lc(r.left.text)) : null}
                    </td>
                    <td className="d-ln">{r.right?.no ?? ''}</td>
                    <td className={`d-tc ${r.right && r.kind !== 'same' ? 'is-right' : ''} ${r.right ? '' : 'is-blank'}`}>
                      {r.right ? (r.kind === 'change' ? <Changed text={r.right.text} other={r.left?.text ?? null} side="right" /> : lc(r.right.text)) : null}
                    </td>
                  </tr>
                ),
              )
            : (shown as UnifiedRow[]).map((r, i) =>
                r.type === 'fold' ? (
                  <Fold key={i} count={r.count} colSpan={4} />
                ) : (
                  <tr key={i} className={`d-tline t-${r.kind}`} {...(r.stop ? { 'data-diff-stop': r.kind } : {})} data-testid="text-diff-line">
                    <td className="d-ln">{r.left ?? ''}</td>
                    <td className="d-ln">{r.right ?? ''}</td>
                    <td className={`d-gutter ${r.kind === 'removed' ? 'd-gutter-left' : r.kind === 'added' ? 'd-gutter-right' : ''}`}>
                      {r.kind === 'removed' ? '−' : r.kind === 'added' ? '+' : ' '}
                    </td>
                    <td className={`d-tc ${r.kind === 'removed' ? 'is-left' : r.kind === 'added' ? 'is-right' : ''}`}>{lc(r.text)}</td>
                  </tr>
                ),
              )}
        </tbody>
      </table>
      {more > 0 ? (
        <div className="notice" role="note">
          Showing the first {MAX_ROWS.toLocaleString('en-US')} rows of {rows.length.toLocaleString('en-US')}.
          <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
            Show all
          </button>
        </div>
      ) : null}
    </>
  );
}
