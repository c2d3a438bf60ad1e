import type { JsonDiffEntry } from '../../../src/diff/types';
import { VisibleText } from '../../components/VisibleText';
import type { DiffMode } from '../../store/diff';
import { Changed, KindTag, rowClass, stopProps, type Kind } from './kinds';

/** A JSON body diff: one row per changed path, with both values and what the rules made of it. */

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

export function JsonEntries({ entries, mode }: { entries: readonly JsonDiffEntry[]; mode: DiffMode }) {
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
