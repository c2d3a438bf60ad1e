import type { RawHeaders } from '../../src/model/exchange';
import { Value } from './Value';

/** Headers in received order with names exactly as sent; repeated names are flagged, not merged. */
export function HeaderList({ headers, testId }: { headers: RawHeaders; testId?: string }) {
  const counts = new Map<string, number>();
  for (const [name] of headers) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="kv-table header-list" data-testid={testId}>
      <thead>
        <tr>
          <th className="col-index">#</th>
          <th>Name (as sent)</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], i) => {
          const n = counts.get(name.toLowerCase()) ?? 0;
          return (
            <tr key={i} data-testid="header-row" className={n > 1 ? 'is-flagged' : undefined}>
              <td className="col-index num">{i + 1}</td>
              <td className="col-name">
                <Value text={name} />
                {n > 1 ? <span className="flag flag-warn">⚠ repeated ×{n}</span> : null}
              </td>
              <td className="col-value">
                <Value text={value} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
