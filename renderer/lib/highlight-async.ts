import { plainText, prettyJson, type Highlighted } from './highlight';
import type { HighlightJob } from './highlight.worker';

/** Below this, tokenizing takes a few ms and a worker round trip would only add a flash. */
export const SYNC_LIMIT = 128 * 1024;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (doc: Highlighted) => void>();

export function highlightSync(text: string, mode: HighlightJob['mode']): Highlighted {
  return mode === 'json' ? prettyJson(text) : plainText(text, mode === 'controls');
}

/** Large bodies are tokenized off the main thread so the UI never freezes on them. */
export function highlightInWorker(text: string, mode: HighlightJob['mode']): Promise<Highlighted> {
  if (!worker) {
    worker = new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; doc: Highlighted }>) => {
      waiting.get(e.data.id)?.(e.data.doc);
      waiting.delete(e.data.id);
    };
  }
  const w = worker;
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    w.postMessage({ id, mode, text } satisfies HighlightJob);
  });
}
