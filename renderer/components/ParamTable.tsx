import type { QueryParam } from '../../src/model/exchange';
import { Value } from './Value';

const ANOMALY_TEXT: Record<string, string> = {
  'duplicate-key': 'duplicate key',
  'invalid-percent-escape': 'invalid % escape',
  'plus-as-space': '+ decoded as space',
  'double-encoded': 'double-encoded',
  'empty-value': 'empty value',
  'no-equals': 'no “=”',
};

/** How often each name occurs: duplicates are flagged even if the server did not mark them. */
function nameCounts(params: readonly QueryParam[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of params) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return counts;
}

export function ParamTable({ params }: { params: readonly QueryParam[] }) {
  const counts = nameCounts(params);
  return (
    <table className="kv-table param-table">
      <thead>
        <tr>
          <th className="col-index">#</th>
          <th>Name</th>
          <th>Value (decoded)</th>
          <th>Raw</th>
        </tr>
      </thead>
      <tbody>
        {params.map((p, i) => {
          const dup = (counts.get(p.name) ?? 0) > 1;
          const anomalies = p.anomalies.filter((a) => a !== 'duplicate-key');
          const flagged = dup || anomalies.length > 0;
          return (
            <tr key={i} data-testid="param-row" data-name={p.name} className={flagged ? 'is-flagged' : undefined}>
              <td className="col-index num">{i + 1}</td>
              <td className="col-name">
                <Value text={p.name} />
                {dup ? (
                  <span className="flag flag-warn" title={`“${p.name}” appears ${counts.get(p.name)} times`}>
                    ⚠ duplicate ×{counts.get(p.name)}
                  </span>
                ) : null}
              </td>
              <td className="col-value">
                <Value text={p.value} />
                {anomalies.map((a) => (
                  <span key={a} className="flag flag-warn" data-anomaly={a}>
                    ⚠ {ANOMALY_TEXT[a] ?? a}
                  </span>
                ))}
              </td>
              <td className="col-raw">
                <Value
                  text={p.rawName === p.name ? p.rawValue : `${p.rawName}=${p.rawValue}`}
                  className={p.rawValue === p.value && p.rawName === p.name ? 'is-same' : ''}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
