import type { ByteDifference } from '../../../src/diff/types';
import { formatBytes } from '../../lib/format';
import { KindTag, rowClass } from './kinds';

/** A binary body diff: the hex rows around the first differing byte. */

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

export function BinaryDiff({
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
