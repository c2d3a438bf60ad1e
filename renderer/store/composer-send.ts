import type { TemplateSpec } from '../../src/model/sender';
import { errorMessage } from '../api/client';
import { SendRefusedApiError, senderApi, type SendBody } from '../api/sender';
import { stableStringify } from '../features/endpoints/draft';
import { composerStore, currentSpec, currentVars, draftKey, type ComposerState } from './composer';
import { mergeAttempts, upsertItem } from './outbox';
import { activeEnvironment, environmentsStore } from './environments';

/** The Composer's preview and single send of the open template (the body both share, and bulk too). */

/** The body preview, send and bulk share: the open template inline (linked to its id when saved). */
export function sendBody(s: ComposerState = composerStore.getState()): SendBody {
  const body: SendBody = { template: currentSpec(s), vars: currentVars(s) };
  // The environment picked in the toolbar: the server replaces `{{name}}` from it (preview, send and bulk).
  const environmentId = environmentsStore.getState().activeId;
  if (environmentId !== null) body.environmentId = environmentId;
  if (s.selected !== 'new') body.templateId = s.selected;
  if (s.timeScale !== 1) body.timeScale = s.timeScale;
  if (s.insecureTls) body.insecureTls = true;
  return body;
}

export function previewKey(s: ComposerState = composerStore.getState()): string {
  const { template, vars, timeScale } = sendBody(s) as SendBody & { template: TemplateSpec };
  return stableStringify({ key: s.selected, template, vars, timeScale, environment: environmentKey() });
}

/** The active environment and its last change: a preview computed before either is stale. */
export function environmentKey(): string {
  const env = activeEnvironment();
  return env ? `${env.id}@${env.updatedAt}` : '';
}

let previewAbort: AbortController | null = null;

export async function refreshPreview(): Promise<void> {
  previewAbort?.abort();
  const abort = (previewAbort = new AbortController());
  const s = composerStore.getState();
  const forKey = previewKey(s);
  composerStore.setState({ previewing: true });
  try {
    const { templateId: _id, ...body } = sendBody(s);
    const preview = await senderApi.preview(body, abort.signal);
    if (abort.signal.aborted) return;
    composerStore.setState({ preview, previewFor: forKey, previewError: null, previewing: false });
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    composerStore.setState({ previewError: errorMessage(err), previewFor: forKey, previewing: false });
  }
}

export async function send(sendAnyway = false): Promise<void> {
  const s = composerStore.getState();
  if (s.sending) return;
  composerStore.setState({ sending: true, sendError: null, ...(sendAnyway ? {} : { refusal: null }) });
  try {
    const result = await senderApi.send({ ...sendBody(s), ...(sendAnyway ? { sendAnyway: true } : {}), wait: 'first' });
    upsertItem(result.outbox);
    mergeAttempts(result.outbox.id, result.attempts);
    composerStore.setState({
      sending: false,
      refusal: null,
      lastSends: { ...composerStore.getState().lastSends, [draftKey(s.selected)]: { outboxId: result.outbox.id, exchangeId: result.outbox.exchangeId, at: Date.now() } },
      resultTab: 'result',
    });
  } catch (err) {
    if (err instanceof SendRefusedApiError) {
      composerStore.setState({ sending: false, refusal: { message: err.message, problems: err.problems, preview: err.preview }, resultTab: 'preview', ...(err.preview ? { preview: err.preview, previewFor: previewKey(s) } : {}) });
    } else {
      composerStore.setState({ sending: false, sendError: errorMessage(err) });
    }
  }
}
