import { useEffect, useState } from 'react';
import type { RetentionPolicy, RetentionStatus } from '../../../src/model/settings';
import { errorMessage } from '../../api/client';
import { settingsApi } from '../../api/settings';
import { exactTime, formatBytes, formatCount } from '../../lib/format';
import { FormRow, fieldDomId, TextInput } from '../endpoints/fields';
import { SettingsSection } from './SettingsSection';
import { SizeInput } from './SizeInput';
import { joinSize, splitSize, type SizeUnit } from './size-units';
import { useSectionSave } from './use-section-save';

interface Draft {
  days: string;
  sizeAmount: string;
  sizeUnit: SizeUnit;
}

function draftOf(policy: RetentionPolicy): Draft {
  const size = splitSize(policy.maxBytes, 'GiB');
  return { days: policy.maxAgeDays === null ? '' : String(policy.maxAgeDays), sizeAmount: size.amount, sizeUnit: size.unit };
}

/** How long and how much the store keeps: applied at once and every 30 s, no restart. */
export function RetentionSection({ status, onChange }: { status: RetentionStatus; onChange: (status: RetentionStatus) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(status.policy));
  const section = useSectionSave();
  const [run, setRun] = useState<{ busy: boolean; result: string | null }>({ busy: false, result: null });
  useEffect(() => setDraft(draftOf(status.policy)), [status.policy]);
  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    section.touched();
  };

  const onSave = () => {
    const days = draft.days.trim() === '' ? null : Number(draft.days.trim());
    const policy: RetentionPolicy = { maxAgeDays: days, maxBytes: joinSize(draft.sizeAmount, draft.sizeUnit) };
    const local: Array<[string, string]> = [];
    if (Number.isNaN(policy.maxAgeDays)) local.push(['maxAgeDays', 'a number of days above 0, or empty for no age limit']);
    if (Number.isNaN(policy.maxBytes)) local.push(['maxBytes', 'a size such as 2 GiB, or empty for no size limit']);
    void section.save(local, async () => onChange(await settingsApi.saveRetention(policy)));
  };

  const applyNow = async () => {
    setRun({ busy: true, result: null });
    try {
      const { deleted } = await settingsApi.runRetention();
      setRun({ busy: false, result: deleted === 0 ? 'Nothing to delete.' : `Deleted ${formatCount(deleted)} exchange${deleted === 1 ? '' : 's'}.` });
      onChange(await settingsApi.retention());
    } catch (err) {
      setRun({ busy: false, result: `Could not apply: ${errorMessage(err)}` });
    }
  };

  const applyButton = (
    <>
      <button type="button" className="btn" onClick={() => void applyNow()} disabled={run.busy} data-testid="retention-run" title="Apply the saved policy now instead of waiting for the next 30-second run">
        Apply now
      </button>
      <span aria-live="polite" className="muted" data-testid="retention-run-result">
        {run.result}
      </span>
    </>
  );

  return (
    <SettingsSection
      id="retention"
      title="Retention"
      note="Applied at once and every 30 seconds, oldest first. Pinned baselines and postbacks not yet sent are never deleted."
      save={{ ...section, onSave, extra: applyButton }}
    >
      <FormRow label="Max age" htmlFor={fieldDomId('maxAgeDays')}>
        <span className="settings-inline">
          <TextInput field="maxAgeDays" label="Max age in days" mono className="settings-short" placeholder="no limit" value={draft.days} onChange={(days) => edit({ days })} testId="retention-max-age" />
          <span className="muted settings-unit">days</span>
        </span>
        <div className="form-hint muted">Exchanges older than this are deleted. Empty: kept however old.</div>
      </FormRow>
      <FormRow label="Max size" htmlFor={fieldDomId('maxBytes')}>
        <SizeInput field="maxBytes" label="Max store size" amount={draft.sizeAmount} unit={draft.sizeUnit} placeholder="no limit" onChange={(sizeAmount, sizeUnit) => edit({ sizeAmount, sizeUnit })} testId="retention-max-size" />
        <div className="form-hint muted">The oldest exchanges go while the store holds more. At least 1 MiB. Empty: no size limit.</div>
      </FormRow>
      <FormRow label="In use">
        <div className="settings-facts" data-testid="retention-status">
          <span>
            <strong className="num">{formatBytes(status.usedBytes)}</strong> <span className="muted" title="What the size limit counts: the database pages in use, without free pages or the write-ahead log">in use by the store</span>
          </span>
          <span>
            <strong className="num">{formatCount(status.deletedSinceStart)}</strong> <span className="muted">deleted by retention since start</span>
          </span>
          <span className="muted">{status.lastRunAt ? `last run ${exactTime(status.lastRunAt)}` : 'not run yet'}</span>
          {status.lastError ? <span className="text-error">✕ last run failed: {status.lastError}</span> : null}
        </div>
      </FormRow>
    </SettingsSection>
  );
}
