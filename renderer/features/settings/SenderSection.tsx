import { FormRow } from '../endpoints/fields';
import { SettingsSection } from './SettingsSection';

/**
 * Read-only: the sender reads its default time scale once at start (it is stamped on each send),
 * so there is nothing to change live; the Composer's Delivery tab sets one per send.
 */
export function SenderSection({ timeScale }: { timeScale: { running: number; fromFlag: boolean } }) {
  return (
    <SettingsSection id="sender" title="Sender" note="Set at start with a flag; the Composer can override it per send.">
      <FormRow label="Time scale">
        <span className="settings-inline">
          <strong className="mono num" data-testid="settings-time-scale">
            ×{timeScale.running}
          </strong>
          <span className="muted">{timeScale.fromFlag ? 'from --time-scale' : 'default (real time)'}</span>
        </span>
        <div className="form-hint muted">
          Retry delays are divided by this. Start with <code>postback-inspector serve --time-scale 1000</code> to watch 24 h of retries in under 90 s, or pick a time scale in the Composer's Delivery tab for
          sends from there.
        </div>
      </FormRow>
    </SettingsSection>
  );
}
