import { useEffect, useState } from 'react';
import type { StartupSettings, StartupSettingsView } from '../../../src/model/settings';
import { settingsApi } from '../../api/settings';
import { formatBytes } from '../../lib/format';
import { FormRow, fieldDomId, TextInput } from '../endpoints/fields';
import { NextStartNote } from './NextStartNote';
import { SettingsSection } from './SettingsSection';
import { SizeInput } from './SizeInput';
import { joinSize, splitSize, type SizeUnit } from './size-units';
import { useSectionSave } from './use-section-save';

interface Draft {
  port: string;
  bind: string;
  bodyAmount: string;
  bodyUnit: SizeUnit;
}

function draftOf(saved: StartupSettings): Draft {
  const body = splitSize(saved.maxBodyBytes, 'MiB');
  return { port: saved.receiverPort === null ? '' : String(saved.receiverPort), bind: saved.bind ?? '', bodyAmount: body.amount, bodyUnit: body.unit };
}

/** Port text as sent: empty is null (the default); a non-number is caught here, a bad range by the server. */
function portOf(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

const portText = (port: number, url: string) => (port === 0 ? `0 (any free port, now ${new URL(url).port})` : String(port));

/** Receiver port, bind address and body limit: saved in the data folder, read at the next start. */
export function StartupSection({ view, onSaved }: { view: StartupSettingsView; onSaved: (view: StartupSettingsView) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.saved));
  const section = useSectionSave();
  useEffect(() => setDraft(draftOf(view.saved)), [view.saved]);
  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    section.touched();
  };

  const onSave = () => {
    const settings: StartupSettings = { receiverPort: portOf(draft.port), bind: draft.bind.trim() === '' ? null : draft.bind.trim(), maxBodyBytes: joinSize(draft.bodyAmount, draft.bodyUnit) };
    const local: Array<[string, string]> = [];
    if (Number.isNaN(settings.receiverPort)) local.push(['receiverPort', 'a whole number from 0 to 65535 (0 = any free port)']);
    if (Number.isNaN(settings.maxBodyBytes)) local.push(['maxBodyBytes', 'a number, e.g. 10 MiB']);
    void section.save(local, async () => onSaved(await settingsApi.saveStartup(settings)));
  };

  const { saved, defaults, running, sources } = view;
  const nextPort = saved.receiverPort ?? defaults.receiverPort;
  const nextBind = saved.bind ?? defaults.bind;
  const nextBody = saved.maxBodyBytes ?? defaults.maxBodyBytes;
  return (
    <SettingsSection
      id="startup"
      title="Receiver"
      note="Read once at start: saved values apply at the next start. A command-line flag (--receiver-port, --bind, --max-body) wins over them."
      save={{ ...section, onSave }}
    >
      <FormRow label="Receiver port" htmlFor={fieldDomId('receiverPort')}>
        <TextInput field="receiverPort" label="Receiver port" mono className="settings-short" placeholder={`${defaults.receiverPort} (default)`} value={draft.port} onChange={(port) => edit({ port })} testId="settings-receiver-port" />
        <NextStartNote next={String(nextPort)} running={portText(running.receiverPort, view.receiverUrl)} source={sources.receiverPort} flag="--receiver-port" />
        <div className="form-hint muted">0 picks any free port at each start. Empty: the default, {defaults.receiverPort}.</div>
      </FormRow>
      <FormRow label="Bind address" htmlFor={fieldDomId('bind')}>
        <TextInput field="bind" label="Bind address" mono className="settings-medium" placeholder={`${defaults.bind} (default)`} value={draft.bind} onChange={(bind) => edit({ bind })} testId="settings-bind" />
        <NextStartNote next={nextBind} running={running.bind} source={sources.bind} flag="--bind" />
        <div className="form-hint muted">
          <span className="mono">127.0.0.1</span> accepts postbacks from this machine only; <span className="mono">0.0.0.0</span> (or <span className="mono">::</span>) from the LAN too. An IP address or <span className="mono">localhost</span>. Empty: the default, {defaults.bind}.
        </div>
      </FormRow>
      <FormRow label="Body limit" htmlFor={fieldDomId('maxBodyBytes')}>
        <SizeInput field="maxBodyBytes" label="Body limit" amount={draft.bodyAmount} unit={draft.bodyUnit} placeholder="default" onChange={(bodyAmount, bodyUnit) => edit({ bodyAmount, bodyUnit })} testId="settings-max-body" />
        <NextStartNote next={formatBytes(nextBody)} running={formatBytes(running.maxBodyBytes)} source={sources.maxBodyBytes} flag="--max-body" />
        <div className="form-hint muted">Larger requests are answered 413 and the refusal is logged. From 1 KiB to 1 GiB. Empty: the default, {formatBytes(defaults.maxBodyBytes)}.</div>
      </FormRow>
    </SettingsSection>
  );
}
