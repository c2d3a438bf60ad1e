import type { HeaderDiffEntry, HeaderEntry, HeaderValue, OrderEntry } from '../../../src/diff/types';
import { VisibleText } from '../../components/VisibleText';
import { setShowUnchanged, setShowVolatile, type DiffMode } from '../../store/diff';
import { plural } from '../../lib/format';
import { Changed, KindTag, rowClass, stopProps, type Kind } from './kinds';

function isOrder(e: HeaderDiffEntry): e is OrderEntry {
  return e.kind === 'order';
}

/** Volatile headers (date, user-agent, content-length…) that differ but are not counted. */
export function isVolatileNoise(e: HeaderDiffEntry): boolean {
  return !isOrder(e) && e.volatile && !e.counted && e.kind !== 'unchanged';
}

interface Props {
  entries: readonly HeaderDiffEntry[];
  mode: DiffMode;
  showVolatile: boolean;
  showUnchanged: boolean;
}

/** Headers by case-insensitive name; order and volatile noise shown as such, folded where it is only noise. */
export function HeadersDiff({ entries, mode, showVolatile, showUnchanged }: Props) {
  const main = entries.filter((e) => e.kind !== 'unchanged' && !isVolatileNoise(e));
  const volatile = entries.filter(isVolatileNoise);
  const unchanged = entries.filter((e) => e.kind === 'unchanged');
  const shown = [...main, ...(showVolatile ? volatile : []), ...(showUnchanged ? unchanged : [])];

  return (
    <>
      {shown.length ? (
        <table className={`d-table d-headers ${mode === 'unified' ? 'd-unified' : ''}`} data-testid="headers-diff">
          <thead>
            <tr>
              <th className="d-col-kind">Kind</th>
              {mode === 'split' ? (
                <>
                  <th className="d-col-name">Name</th>
                  <th>Left</th>
                  <th>Right</th>
                </>
              ) : (
                <>
                  <th className="d-col-gutter" aria-label="Side" />
                  <th className="d-col-name">Name (as sent)</th>
                  <th>Value</th>
                </>
              )}
            </tr>
          </thead>
          {shown.map((e, i) =>
            isOrder(e) ? <OrderRows key={i} e={e} mode={mode} /> : <HeaderRows key={i} e={e} mode={mode} />,
          )}
        </table>
      ) : (
        <p className="muted d-none" data-testid="headers-identical">
          No header differences{volatile.length ? ' apart from volatile ones' : ''}.
        </p>
      )}
      <div className="d-folds">
        {volatile.length ? (
          <button
            type="button"
            className="link-button"
            aria-expanded={showVolatile}
            onClick={() => setShowVolatile(!showVolatile)}
            data-testid="toggle-volatile"
            {...(showVolatile ? {} : { 'data-diff-stop': 'volatile' })}
          >
            {showVolatile ? 'Hide' : 'Show'} {volatile.length === 1 ? 'the volatile header that differs' : `${volatile.length} volatile headers that differ`}{' '}
            — not counted ({volatile.map((e) => (e as HeaderEntry).name).join(', ')})
          </button>
        ) : null}
        {unchanged.length ? (
          <button type="button" className="link-button" aria-expanded={showUnchanged} onClick={() => setShowUnchanged(!showUnchanged)}>
            {showUnchanged ? 'Hide' : 'Show'} {plural(unchanged.length, 'unchanged header')}
          </button>
        ) : null}
      </div>
    </>
  );
}

function OrderRows({ e, mode }: { e: OrderEntry; mode: DiffMode }) {
  const list = (names: string[], other: string[], side: 'left' | 'right') => (
    <span className="d-order-list">
      {names.map((n, i) => (
        <span key={i} className={`d-order-item ${other[i] !== n ? `d-mark d-mark-${side}` : ''}`}>
          {n}
        </span>
      ))}
    </span>
  );
  const common = { className: rowClass(e), ...stopProps(e), 'data-testid': 'header-diff-row', 'data-kind': 'order', 'data-counted': e.counted };
  if (mode === 'split') {
    return (
      <tbody {...common}>
        <tr>
          <td>
            <KindTag kind="order" counted={e.counted} />
          </td>
          <td className="muted">order of the headers both sides have</td>
          <td>{list(e.left, e.right, 'left')}</td>
          <td>{list(e.right, e.left, 'right')}</td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody {...common}>
      <tr className="d-line-left">
        <td rowSpan={2}>
          <KindTag kind="order" counted={e.counted} />
        </td>
        <td className="d-gutter d-gutter-left">−</td>
        <td colSpan={2}>{list(e.left, e.right, 'left')}</td>
      </tr>
      <tr className="d-line-right">
        <td className="d-gutter d-gutter-right">+</td>
        <td colSpan={2}>{list(e.right, e.left, 'right')}</td>
      </tr>
    </tbody>
  );
}

function Val({ v, other, side }: { v: HeaderValue | null; other: HeaderValue | null; side: 'left' | 'right' }) {
  if (!v) return <span className="d-absent">absent</span>;
  return (
    <span className="d-value" title={v.value}>
      {v.value === '' ? <span className="d-empty">(empty)</span> : <Changed text={v.value} other={other?.value ?? null} side={side} />}
    </span>
  );
}

function HeaderRows({ e, mode }: { e: HeaderEntry; mode: DiffMode }) {
  const kind = e.kind as Kind;
  const tags = (
    <>
      <KindTag kind={kind} counted={e.counted} ignored={e.ignored} volatile={e.volatile} />
      {e.casing && kind !== 'casing' ? <span className="flag flag-warn">name casing differs</span> : null}
      {e.duplicate ? <span className="flag flag-warn">⚠ repeated</span> : null}
    </>
  );
  const common = {
    className: rowClass(e),
    ...stopProps(e),
    'data-testid': 'header-diff-row',
    'data-name': e.name,
    'data-kind': e.kind,
    'data-counted': e.counted,
    'data-volatile': e.volatile,
  };
  if (mode === 'split') {
    const name = e.left?.name ?? e.right?.name ?? e.name;
    return (
      <tbody {...common}>
        <tr>
          <td>{tags}</td>
          <td className="d-name">
            <span className="d-value">
              {e.casing && e.left && e.right ? (
                <>
                  <Changed text={e.left.name} other={e.right.name} side="left" /> / <Changed text={e.right.name} other={e.left.name} side="right" />
                </>
              ) : (
                <VisibleText text={name} />
              )}
            </span>
          </td>
          <td className="d-side d-left">
            <Val v={e.left} other={e.right} side="left" />
          </td>
          <td className="d-side d-right">
            <Val v={e.right} other={e.left} side="right" />
          </td>
        </tr>
      </tbody>
    );
  }
  const lines: Array<{ sign: string; v: HeaderValue; other: HeaderValue | null; side: 'left' | 'right' }> = [];
  if (e.kind === 'unchanged' && e.right) lines.push({ sign: ' ', v: e.right, other: null, side: 'right' });
  else {
    if (e.left) lines.push({ sign: '−', v: e.left, other: e.right, side: 'left' });
    if (e.right) lines.push({ sign: '+', v: e.right, other: e.left, side: 'right' });
  }
  return (
    <tbody {...common}>
      {lines.map((l, j) => (
        <tr key={j} className={e.kind === 'unchanged' ? '' : `d-line-${l.side}`}>
          {j === 0 ? <td rowSpan={lines.length}>{tags}</td> : null}
          <td className={`d-gutter d-gutter-${l.side}`}>{l.sign}</td>
          <td className="d-name">
            <span className="d-value">
              <Changed text={l.v.name} other={l.other?.name ?? null} side={l.side} />
            </span>
          </td>
          <td className="d-side">
            <Val v={l.v} other={l.other} side={l.side} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}
