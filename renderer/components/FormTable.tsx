import { Value } from './Value';

/** application/x-www-form-urlencoded fields in body order; repeated names flagged. */
export function FormTable({ fields }: { fields: ReadonlyArray<[string, string]> }) {
  const counts = new Map<string, number>();
  for (const [name] of fields) counts.set(name, (counts.get(name) ?? 0) + 1);
  if (fields.length === 0) return <p className="muted pad">No fields.</p>;
  return (
    <div className="scroll-pane">
      <table className="kv-table form-table">
        <thead>
          <tr>
            <th className="col-index">#</th>
            <th>Field</th>
            <th>Value (decoded)</th>
          </tr>
        </thead>
        <tbody>
          {fields.map(([name, value], i) => {
            const n = counts.get(name) ?? 0;
            return (
              <tr key={i} data-testid="form-row" className={n > 1 ? 'is-flagged' : undefined}>
                <td className="col-index num">{i + 1}</td>
                <td className="col-name">
                  <Value text={name} />
                  {n > 1 ? <span className="flag flag-warn">⚠ duplicate ×{n}</span> : null}
                </td>
                <td className="col-value">
                  <Value text={value} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
