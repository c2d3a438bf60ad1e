import type { SendPreview, SendProblem, SendResult } from '../model/sender.js';
import type { SendInput } from '../sender/index.js';
import type { LockHolder } from '../store/data-folder-lock.js';
import { ApiError, apiClient } from '../scenario/api-client.js';

export type ForwardedSend =
  | { kind: 'preview'; preview: SendPreview }
  | { kind: 'result'; result: SendResult }
  | { kind: 'refused'; problems: SendProblem[]; preview: SendPreview | null };

/**
 * A data folder held by a running app is written by that app only: the CLI asks its control API
 * to send (the outbox, retries and history then live in one process, so nothing is sent twice).
 */
export async function forwardSend(holder: LockHolder & { controlUrl: string; token: string }, input: SendInput, preview: boolean): Promise<ForwardedSend> {
  const api = apiClient(holder.controlUrl, holder.token);
  try {
    if (preview) return { kind: 'preview', preview: await api.call('previewSend', { body: input }) };
    return { kind: 'result', result: await api.call('send', { body: { ...input, wait: 'final' } }) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const body = error.body as { error?: { code?: string; problems?: SendProblem[] }; preview?: SendPreview } | null;
    if (error.status === 422 && body?.error?.code === 'SEND_REFUSED') return { kind: 'refused', problems: body.error.problems ?? [], preview: body.preview ?? null };
    throw new Error(`the running app (pid ${holder.pid}) did not send it: ${error.message}`);
  }
}
