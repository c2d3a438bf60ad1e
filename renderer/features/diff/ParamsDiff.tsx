import type { OrderEntry, ParamEntry, ParamValue, QueryDiffEntry } from '../../../src/diff/types';
import { VisibleText } from '../../components/VisibleText';
import type { DiffMode } from '../../store/diff';
import { Changed, KindTag, rowClass, stopProps, type Kind } from './kinds';

function rawOf(v: ParamValue): string {
  return v.rawValue === null ? v.rawName : `${v.rawName}=${v.rawValue}`;
}

/** Decoded value, with the raw `name=value` under it when the bytes say something else. */
function SideValue({ v, other, side, showRaw }: { v: ParamValue | null; other: ParamValue | null; side: 'left' | 'right'; showRaw: boolean }) {
  if (!v) {
    return (
      <span className="d-absent" title={`Not on the ${side}`}>
        absent
      </span>
    );
  }
  const raw = rawOf(v);
  const differentBytes = raw !== `${v.name}=${v.value}`;
  return (
    <>
      <span className="d-value" title={v.value}>
        {v.value === '' ? <span className="d-empty">(empty)</span> : <Changed text={v.value} other={other?.value ?? null} side={side} />}
      </span>
      {showRaw || differentBytes ? (
        <span className="d-raw" title={`As sent, position ${v.index + 1}`}>
          <span className="d-raw-label">raw</span>
          <Changed text={raw} other={other ? rawOf(other) : null} side={side} />
          {v.rawValue === null ? <span className="d-note"> (no “=”)</span> : null}
        </span>
      ) : null}
    </>
  );
}

function OrderList({ names, other, side }: { names: string[]; other: string[]; side: 'left' | 'right' }) {
  return (
    <span className="d-order-list">
      {names.map((n, i) => (
        <span key={i} className={`d-order-item ${other[i] !== n ? `d-mark d-mark-${side}` : ''}`}>
          <VisibleText text={n} />
        </span>
      ))}
    </span>
  );
}

function isOrder(e: QueryDiffEntry): e is OrderEntry {
  return e.kind === 'order';
}

interface Props {
  entries: readonly QueryDiffEntry[];
  mode: DiffMode;
  /** `query` or `form`: names the rows for tests and screen readers. */
  what: 'query' | 'form';
}

/** Query params (or form fields) by name: kind, left raw/decoded, right raw/decoded. */
export function ParamsDiff({ entries, mode, what }: Props) {
  if (entries.length === 0) return <p className="muted d-none">No parameters on either side.</p>;
  return mode === 'split' ? <SplitParams entries={entries} what={what} /> : <UnifiedParams entries={entries} what={what} />;
}

function SplitParams({ entries, what }: { entries: readonly QueryDiffEntry[]; what: string }) {
  return (
    <table className="d-table d-params" data-testid={`${what}-diff`}>
      <thead>
        <tr>
          <th className="d-col-kind">Kind</th>
          <th className="d-col-name">Name</th>
          <th>Left · decoded, raw</th>
          <th>Right · decoded, raw</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) =>
          isOrder(e) ? (
            <tr key={i} className={rowClass(e)} {...stopProps(e)} data-testid="param-diff-row" data-kind="order" data-counted={e.counted}>
              <td>
                <KindTag kind="order" counted={e.counted} />
              </td>
              <td className="muted">order of the names both sides have</td>
              <td>
                <OrderList names={e.left} other={e.right} side="left" />
              </td>
              <td>
                <OrderList names={e.right} other={e.left} side="right" />
              </td>
            </tr>
          ) : (
            <ParamRow key={i} e={e} />
          ),
        )}
      </tbody>
    </table>
  );
}

function ParamRow({ e }: { e: ParamEntry }) {
  const showRaw = e.kind === 'encoding-only';
  return (
    <tr className={rowClass(e)} {...stopProps(e)} data-testid="param-diff-row" data-name={e.name} data-kind={e.kind} data-counted={e.counted}>
      <td>
        <KindTag kind={e.kind as Kind} counted={e.counted} ignored={e.ignored} />
        {e.duplicate ? (
          <span className="flag flag-warn" title="The name occurs more than once on a side: compared by position">
            ⚠ duplicate
          </span>
        ) : null}
        <NumericNote e={e} />
      </td>
      <td className="d-name">
        <span className="d-value">
          <VisibleText text={e.name} />
        </span>
      </td>
      <td className="d-side d-left">
        <SideValue v={e.left} other={e.right} side="left" showRaw={showRaw} />
      </td>
      <td className="d-side d-right">
        <SideValue v={e.right} other={e.left} side="right" showRaw={showRaw} />
      </td>
    </tr>
  );
}

function UnifiedLine({ sign, v, other, side }: { sign: string; v: ParamValue; other: ParamValue | null; side: 'left' | 'right' }) {
  return (
    <>
      <td className={`d-gutter d-gutter-${side}`} aria-label={side === 'left' ? 'left' : 'right'}>
        {sign}
      </td>
      <td className="d-side">
        <span className="d-value">
          <VisibleText text={v.name} />
          <span className="d-eq">=</span>
          {v.value === '' ? <span className="d-empty">(empty)</span> : <Changed text={v.value} other={other?.value ?? null} side={side} />}
        </span>
      </td>
      <td className="d-side">
        <span className="d-value d-raw-cell">
          <Changed text={rawOf(v)} other={other ? rawOf(other) : null} side={side} />
        </span>
      </td>
    </>
  );
}

function UnifiedParams({ entries, what }: { entries: readonly QueryDiffEntry[]; what: string }) {
  return (
    <table className="d-table d-params d-unified" data-testid={`${what}-diff`}>
      <thead>
        <tr>
          <th className="d-col-kind">Kind</th>
          <th className="d-col-gutter" aria-label="Side" />
          <th>Decoded</th>
          <th>Raw</th>
        </tr>
      </thead>
      {entries.map((e, i) => {
        if (isOrder(e)) {
          return (
            <tbody key={i} className={rowClass(e)} {...stopProps(e)} data-testid="param-diff-row" data-kind="order" data-counted={e.counted}>
              <tr className="d-line-left">
                <td rowSpan={2}>
                  <KindTag kind="order" counted={e.counted} />
                </td>
                <td className="d-gutter d-gutter-left">−</td>
                <td colSpan={2}>
                  <OrderList names={e.left} other={e.right} side="left" />
                </td>
              </tr>
              <tr className="d-line-right">
                <td className="d-gutter d-gutter-right">+</td>
                <td colSpan={2}>
                  <OrderList names={e.right} other={e.left} side="right" />
                </td>
              </tr>
            </tbody>
          );
        }
        const lines: Array<{ sign: string; v: ParamValue; other: ParamValue | null; side: 'left' | 'right' }> = [];
        if (e.kind === 'unchanged' && e.right) lines.push({ sign: ' ', v: e.right, other: null, side: 'right' });
        else {
          if (e.left) lines.push({ sign: '−', v: e.left, other: e.right, side: 'left' });
          if (e.right) lines.push({ sign: '+', v: e.right, other: e.left, side: 'right' });
        }
        return (
          <tbody key={i} className={rowClass(e)} {...stopProps(e)} data-testid="param-diff-row" data-name={e.name} data-kind={e.kind} data-counted={e.counted}>
            {lines.map((l, j) => (
              <tr key={j} className={e.kind === 'unchanged' ? '' : `d-line-${l.side}`}>
                {j === 0 ? (
                  <td rowSpan={lines.length}>
                    <KindTag kind={e.kind as Kind} counted={e.counted} ignored={e.ignored} />
                    <NumericNote e={e} />
                  </td>
                ) : null}
                <UnifiedLine sign={l.sign} v={l.v} other={l.other} side={l.side} />
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  );
}

/** `3.10` vs `3.1`: a real text change that may not matter to the partner; say so next to the tag. */
function NumericNote({ e }: { e: ParamEntry }) {
  if (!e.numericEqual) return null;
  return (
    <span
      className="flag flag-info"
      data-testid="numeric-equal"
      title={`${e.note ?? 'numerically equal'}. Add the ignore rule ~numeric-format to count it as noise.`}
    >
      = numerically equal
    </span>
  );
}
