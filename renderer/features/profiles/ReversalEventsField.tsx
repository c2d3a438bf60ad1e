import type { ProfileInput } from '../../../src/model/profile';
import { ListInput } from '../endpoints/ListInput';
import type { ProfileEdit } from './ProfileEditor';

/**
 * The events that take back an earlier conversion (chargeback, refund…). Its own file so the
 * params tab only places it: the metrics net these out and reconciliation lists them as reversed.
 */
export function ReversalEventsField({ value, edit }: { value: ProfileInput; edit: ProfileEdit }) {
  return (
    <label className="inline-label" title="A capture whose event param is one of these takes back the conversion of its correlation key: KPIs net it out and reconciliation says reversed.">
      <span>Reversal events</span>
      <ListInput
        field="reversalEvents"
        label="Events that reverse an earlier conversion"
        value={value.reversalEvents ?? noEvents}
        placeholder="chargeback, refund"
        testId="profile-reversal-events"
        onChange={(list) => edit((p) => void (list.length ? (p.reversalEvents = list) : delete p.reversalEvents), 'reversalEvents')}
      />
    </label>
  );
}

/** One empty list, so a profile without reversal events does not hand the input a new value each render. */
const noEvents: readonly string[] = [];
