import type { DeltaRow, Totals } from '../model/metrics.js';
import type { RollupDelta } from './contribution.js';

/** A rollup change as the live metrics stream sends it: zero totals left out. */
export function toDeltaRow(r: RollupDelta): DeltaRow {
  const totals: Partial<Totals> = {};
  for (const [k, v] of Object.entries(r.totals)) if (v) totals[k as keyof Totals] = v;
  return { minute: r.bucket, direction: r.dims.direction, endpointId: r.dims.endpointId, profileId: r.dims.profileId, templateId: r.dims.templateId, totals, bins: r.bins };
}
