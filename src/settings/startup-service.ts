import type { CoreConfig, CoreConfigInput } from '../config.js';
import { CoreError } from '../errors.js';
import type { StartupSettings, StartupSettingsView } from '../model/settings.js';
import type { SettingsRepository } from '../store/settings-repository.js';
import { readableStartup, startupDefaults, startupErrors, startupSources, toStartupSettings } from './startup-settings.js';

const key = 'startup';

/** The saved startup settings, read before the receiver listens. */
export function savedStartup(settings: SettingsRepository): StartupSettings {
  return readableStartup(settings.get<unknown>(key));
}

/** Startup settings as the API sees them: saved for the next start, never applied to this one. */
export class StartupService {
  private readonly sources;

  constructor(
    private readonly settings: SettingsRepository,
    private readonly running: { input: CoreConfigInput; savedAtStart: StartupSettings; config: CoreConfig; receiverUrl: string },
  ) {
    this.sources = startupSources(running.input, running.savedAtStart);
  }

  view(): StartupSettingsView {
    const { config } = this.running;
    return {
      saved: savedStartup(this.settings),
      defaults: startupDefaults,
      running: { receiverPort: config.receiver.port, bind: config.receiver.host, maxBodyBytes: config.limits.maxBodyBytes },
      sources: this.sources,
      receiverUrl: this.running.receiverUrl,
      dataDir: config.dataDir,
      timeScale: { running: config.sender?.timeScale ?? 1, fromFlag: config.sender?.timeScale !== undefined },
    };
  }

  /** Replaces the saved set (absent or null fields: the built-in default); refused with field errors. */
  save(input: unknown): StartupSettingsView {
    const fields = startupErrors(input);
    if (fields.length > 0) throw new CoreError('BAD_REQUEST', fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; '), fields);
    this.settings.set(key, toStartupSettings(input as Record<string, unknown>));
    return this.view();
  }
}
