import { plainText, prettyJson, type Highlighted } from './highlight';

export interface HighlightJob {
  id: number;
  mode: 'json' | 'plain' | 'controls';
  text: string;
}

interface WorkerScope {
  onmessage: ((e: MessageEvent<HighlightJob>) => void) | null;
  postMessage(message: { id: number; doc: Highlighted }, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { id, mode, text } = e.data;
  const doc = mode === 'json' ? prettyJson(text) : plainText(text, mode === 'controls');
  scope.postMessage({ id, doc }, [doc.lineStarts.buffer, doc.tokStarts.buffer, doc.tokKinds.buffer]);
};
