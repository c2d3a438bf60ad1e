import type { SkanConversionDecoding } from '../../../src/model/verdict';

const FIDELITY: Record<number, string> = { 0: 'view-through ad', 1: 'StoreKit-rendered or web ad' };

/** A SKAdNetwork postback's conversion values as the profile's schema reads them. */
export function SkanConversionSection({ decoding }: { decoding: SkanConversionDecoding }) {
  const { fine, coarse } = decoding;
  return (
    <section className="section" data-testid="skan-conversion">
      <h3 className="section-title">SKAdNetwork conversion value</h3>
      <dl className="facts">
        {decoding.window ? (
          <>
            <dt>Postback</dt>
            <dd>
              {decoding.window}
              {decoding.version ? <span className="muted small"> · SKAdNetwork {decoding.version}</span> : null}
            </dd>
          </>
        ) : null}
        {decoding.fidelityType !== null ? (
          <>
            <dt>Fidelity</dt>
            <dd>{FIDELITY[decoding.fidelityType] ?? `type ${decoding.fidelityType}`}</dd>
          </>
        ) : null}
        {fine ? (
          <>
            <dt>Fine value</dt>
            <dd data-testid="skan-fine" data-value={fine.value}>
              <code className="mono">{fine.value}</code> <Meaning meaning={fine.meaning} problem={fine.problem} />
            </dd>
          </>
        ) : null}
        {coarse ? (
          <>
            <dt>Coarse value</dt>
            <dd data-testid="skan-coarse" data-value={coarse.value}>
              <code className="mono">{coarse.value}</code> <Meaning meaning={coarse.meaning} problem={coarse.problem} />
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function Meaning({ meaning, problem }: { meaning: string | null; problem: string | null }) {
  return (
    <>
      {meaning ? <span>→ {meaning}</span> : <span className="muted">→ not in the profile's schema</span>}
      {problem ? <span className="flag flag-warn">⚠ {problem}</span> : null}
    </>
  );
}
