import { useEffect, useState } from 'react';
import type { ProfileInput } from '../../../src/model/profile';
import { TextInput } from '../endpoints/fields';
import { parseList } from './draft';
import type { ProfileEdit } from './ProfileEditor';

/**
 * The events that take back an earlier conversion (chargeback, refund…). Its own file so the
 * params tab only places it: the metrics net these out and reconciliation lists them as reversed.
 */
export function ReversalEventsField({ value, edit }: { value: ProfileInput; edit: ProfileEdit }) {
  const events = value.reversalEvents ?? [];
  // The text as typed ("chargeback, " mid-word) while the profile holds the parsed list.
  const [text, setText] = useState(events.join(', '));
  useEffect(() => {
    if (parseList(text).join('\u0000') !== events.join('\u0000')) setText(events.join(', '));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value.reversalEvents]);
  return (
    <label className="inline-label" title="A capture whose event param is one of these takes back the conversion of its correlation key: KPIs net it out and reconciliation says reversed.">
      <span>Reversal events</span>
      <TextInput
        field="reversalEvents"
        aliases={events.map((_, i) => `reversalEvents[${i}]`)}
        label="Events that reverse an earlier conversion"
        value={text}
        mono
        placeholder="chargeback, refund"
        testId="profile-reversal-events"
        onChange={(t) => {
          setText(t);
          const list = parseList(t);
          edit((p) => void (list.length ? (p.reversalEvents = list) : delete p.reversalEvents), 'reversalEvents');
        }}
      />
    </label>
  );
}
