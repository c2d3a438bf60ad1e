import type { SendPreview, SendProblem, SendResult } from '../model/sender.js';
import type { SendInput } from '../sender/index.js';
import type { LockHolder } from '../store/data-folder-lock.js';

export type ForwardedSend =
  | { kind: 'preview'; preview: SendPreview }
  | { kind: 'result'; result: SendResult }
  | { kind: 'refused'; problems: SendProblem[]; preview: SendPreview | null };

/**
 * A data folder held by a running app is written by that app only: the CLI asks its control API
 * to send (the outbox, retries and history then live in one process, so nothing is sent twice).
 */
export async function forwardSend(holder: LockHolder & { controlUrl: string; token: string }, input: SendInput, preview: boolean): Promise<ForwardedSend> {
  const path = preview ? '/api/send/preview' : '/api/send';
  let response: Response;
  try {
    response = await fetch(`${holder.controlUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${holder.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(preview ? input : { ...input, wait: 'final' }),
    });
  } catch (error) {
    throw new Error(`the running app (pid ${holder.pid}) holds the data folder but its control API ${holder.controlUrl} did not answer: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.status === 422 && body && (body['error'] as { code?: string } | undefined)?.code === 'SEND_REFUSED') {
    return { kind: 'refused', problems: (body['error'] as { problems: SendProblem[] }).problems, preview: (body['preview'] as SendPreview | undefined) ?? null };
  }
  if (!response.ok || !body) {
    const message = (body?.['error'] as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
    throw new Error(`the running app (pid ${holder.pid}) refused the send: ${message}`);
  }
  return preview ? { kind: 'preview', preview: body as unknown as SendPreview } : { kind: 'result', result: body as unknown as SendResult };
}
