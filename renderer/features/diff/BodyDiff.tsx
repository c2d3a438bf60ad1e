import { useMemo, useState } from 'react';
import type { BodyDiff as Body, ByteDifference, JsonDiffEntry, TextHunk } from '../../../src/diff/types';
import { VisibleText } from '../../components/VisibleText';
import { formatBytes } from '../../lib/format';
import { setShowUnchanged, type DiffMode } from '../../store/diff';
import { plural } from '../../lib/format';
import { Changed, KindTag, rowClass, stopProps, type Kind } from './kinds';
import { ParamsDiff } from './ParamsDiff';

const KIND_LABEL: Record<string, string> = { empty: 'empty', json: 'JSON', form: 'form', text: 'text', binary: 'binary' };

export function bodyKinds(body: Body): string {
  const l = KIND_LABEL[body.leftKind] ?? body.leftKind;
  const r = KIND_LABEL[body.rightKind] ?? body.rightKind;
  return l === r ? l : `${l} vs ${r}`;
}

export function BodyDiff({ body, mode, showUnchanged }: { body: Body; mode: DiffMode; showUnchanged: boolean }) {
  return (
    <div className="d-body" data-testid="body-diff" data-kind={body.kind}>
      {body.notes.map((n, i) => (
        <div key={i} className="notice" role="note">
          {n}
        </div>
      ))}
      {body.ignored ? (
        <p className="muted d-none">
          The whole body is ignored by the rule <code>body</code>
          {body.bytesEqual ? ' (the bytes are identical anyway).' : ': it differs, and that is not counted.'}
        </p>
      ) : body.kind === 'empty' ? (
        <p className="muted d-none">{body.leftKind === 'empty' && body.rightKind === 'empty' ? 'Both bodies are empty.' : 'No body to compare.'}</p>
      ) : body.kind === 'json' ? (
        body.entries.length ? (
          <JsonEntries entries={body.entries} mode={mode} />
        ) : (
          <p className="muted d-none">{body.bytesEqual ? 'Byte-identical JSON.' : 'Same JSON structure and values (the bytes differ only in whitespace).'}</p>
        )
      ) : body.kind === 'form' ? (
        <ParamsDiff entries={body.entries} mode={mode} what="form" />
      ) : body.kind === 'text' ? (
        <TextDiff hunks={body.hunks} mode={mode} showUnchanged={showUnchanged} />
      ) : (
        <BinaryDiff left={body.left} right={body.right} first={body.firstDifference} bytesEqual={body.bytesEqual} />
      )}
    </div>
  );
}

// ---------------------------------------------------------------- JSON

function JsonValue({ text, other, side, type }: { text: string | null; other: string | null; side: 'left' | 'right'; type: string | null }) {
  if (text === null) return <span className="d-absent">absent</span>;
  return (
    <span className="d-json-value">
      <code className="d-value d-pre" title={type ?? undefined}>
        <Changed text={text} other={other} side={side} />
      </code>
    </span>
  );
}

function Path({ e }: { e: JsonDiffEntry }) {
  return (
    <span className="d-value d-path">
      <VisibleText text={e.path} />
      {e.rightPath && e.rightPath !== e.path ? (
        <>
          <span className="d-arrow"> → </span>
          <VisibleText text={e.rightPath} />
        </>
      ) : null}
    </span>
  );
}

function Notes({ e }: { e: JsonDiffEntry }) {
  const typeChange = e.leftType && e.rightType && e.leftType !== e.rightType;
  if (!e.note && !typeChange) return null;
  return (
    <span className="d-entry-note">
      {typeChange ? (
        <span className="flag flag-warn">
          type {e.leftType} → {e.rightType}
        </span>
      ) : null}
      {e.note ? <span className="muted"> {e.note}</span> : null}
    </span>
  );
}

function JsonEntries({ entries, mode }: { entries: readonly JsonDiffEntry[]; mode: DiffMode }) {
  if (mode === 'split') {
    return (
      <table className="d-table d-json" data-testid="json-diff">
        <thead>
          <tr>
            <th className="d-col-kind">Kind</th>
            <th className="d-col-path">Path</th>
            <th>Left · source text</th>
            <th>Right · source text</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={i} className={rowClass(e)} {...stopProps(e)} data-testid="json-diff-row" data-path={e.path} data-kind={e.kind} data-counted={e.counted}>
              <td>
                <KindTag kind={e.kind as Kind} counted={e.counted} ignored={e.ignored} />
              </td>
              <td>
                <Path e={e} />
                <Notes e={e} />
              </td>
              <td className="d-side d-left">
                <JsonValue text={e.left} other={e.right} side="left" type={e.leftType} />
              </td>
              <td className="d-side d-right">
                <JsonValue text={e.right} other={e.left} side="right" type={e.rightType} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <table className="d-table d-json d-unified" data-testid="json-diff">
      <thead>
        <tr>
          <th className="d-col-kind">Kind</th>
          <th className="d-col-path">Path</th>
          <th className="d-col-gutter" aria-label="Side" />
          <th>Source text</th>
        </tr>
      </thead>
      {entries.map((e, i) => {
        const lines: Array<{ side: 'left' | 'right'; text: string; other: string | null; type: string | null }> = [];
        if (e.left !== null) lines.push({ side: 'left', text: e.left, other: e.right, type: e.leftType });
        if (e.right !== null) lines.push({ side: 'right', text: e.right, other: e.left, type: e.rightType });
        return (
          <tbody key={i} className={rowClass(e)} {...stopProps(e)} data-testid="json-diff-row" data-path={e.path} data-kind={e.kind} data-counted={e.counted}>
            {lines.map((l, j) => (
              <tr key={j} className={`d-line-${l.side}`}>
                {j === 0 ? (
                  <>
                    <td rowSpan={lines.length}>
                      <KindTag kind={e.kind as Kind} counted={e.counted} ignored={e.ignored} />
                    </td>
                    <td rowSpan={lines.length}>
                      <Path e={e} />
                      <Notes e={e} />
                    </td>
                  </>
                ) : null}
                <td className={`d-gutter d-gutter-${l.side}`}>{l.side === 'left' ? '−' : '+'}</td>
                <td className="d-side">
                  <JsonValue text={l.text} other={l.other} side={l.side} type={l.type} />
                </td>
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  );
}

// ---------------------------------------------------------------- text

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

function TextDiff({ hunks, mode, showUnchanged }: { hunks: readonly TextHunk[]; mode: DiffMode; showUnchanged: boolean }) {
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

// ---------------------------------------------------------------- binary

function HexBytes({ hex, other, offset, side }: { hex: string; other: string; offset: number; side: 'left' | 'right' }) {
  const bytes = hex === '' ? [] : hex.split(' ');
  const others = other === '' ? [] : other.split(' ');
  if (bytes.length === 0) return <span className="d-absent">no bytes from here (the body ends)</span>;
  return (
    <span className="d-hex">
      <span className="d-hex-offset">{offset.toString(16).padStart(8, '0')}</span>
      {bytes.map((b, i) => (
        <span key={i} className={others[i] !== b ? `d-mark d-mark-${side}` : ''}>
          {b}
        </span>
      ))}
      <span className="d-hex-ascii" aria-label="As ASCII">
        {bytes.map((b) => {
          const c = parseInt(b, 16);
          return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '·';
        })}
      </span>
    </span>
  );
}

function BinaryDiff({
  left,
  right,
  first,
  bytesEqual,
}: {
  left: { size: number; sha256: string };
  right: { size: number; sha256: string };
  first: ByteDifference | null;
  bytesEqual: boolean;
}) {
  const sizeKind = left.size === right.size ? 'unchanged' : 'changed';
  const hashKind = left.sha256 === right.sha256 ? 'unchanged' : 'changed';
  return (
    <table className="d-table d-binary" data-testid="binary-diff">
      <thead>
        <tr>
          <th className="d-col-kind">Kind</th>
          <th className="d-col-name" />
          <th>Left</th>
          <th>Right</th>
        </tr>
      </thead>
      <tbody>
        <tr className={rowClass({ kind: sizeKind, counted: sizeKind !== 'unchanged' })}>
          <td>
            <KindTag kind={sizeKind} counted={sizeKind !== 'unchanged'} />
          </td>
          <td>Size</td>
          <td className="num">
            {formatBytes(left.size)} <span className="muted">({left.size.toLocaleString('en-US')} bytes)</span>
          </td>
          <td className="num">
            {formatBytes(right.size)} <span className="muted">({right.size.toLocaleString('en-US')} bytes)</span>
          </td>
        </tr>
        <tr className={rowClass({ kind: hashKind, counted: hashKind !== 'unchanged' })}>
          <td>
            <KindTag kind={hashKind} counted={hashKind !== 'unchanged'} />
          </td>
          <td>SHA-256</td>
          <td>
            <code className="d-value d-hash">{left.sha256}</code>
          </td>
          <td>
            <code className="d-value d-hash">{right.sha256}</code>
          </td>
        </tr>
        {first ? (
          <tr className={rowClass({ kind: 'changed', counted: true })} data-diff-stop="binary" data-testid="binary-first-difference">
            <td>
              <KindTag kind="changed" counted />
            </td>
            <td>
              First difference at offset <span className="mono num">0x{first.offset.toString(16)}</span>{' '}
              <span className="muted num">({first.offset.toLocaleString('en-US')})</span>
            </td>
            <td>
              <HexBytes hex={first.left} other={first.right} offset={first.offset} side="left" />
            </td>
            <td>
              <HexBytes hex={first.right} other={first.left} offset={first.offset} side="right" />
            </td>
          </tr>
        ) : (
          <tr>
            <td />
            <td colSpan={3} className="muted">
              {bytesEqual ? 'The bytes are identical.' : 'No differing byte found.'}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
