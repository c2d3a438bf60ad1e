import { createStore } from 'zustand/vanilla';
import type { PostmanImportResult } from '../../src/model/postman-import';
import { errorMessage } from '../api/http';
import { importPostmanCollection } from '../api/postman';
import { loadTemplates, selectTemplate } from './composer';

/** A Postman collection import in the Composer: how the last one went, for the notice under the toolbar. */
interface PostmanImportState {
  busy: boolean;
  result: (PostmanImportResult & { file: string }) | null;
  error: string | null;
}

export const postmanImportStore = createStore<PostmanImportState>()(() => ({ busy: false, result: null, error: null }));

const isCollection = (file: File) => /\.json$/i.test(file.name) || file.type === 'application/json';

/** Imports the first collection among `files`; the new templates are listed and the first one opened. */
export async function importPostmanFiles(files: File[]): Promise<void> {
  const file = files.find(isCollection);
  if (!file) {
    postmanImportStore.setState({ error: 'Drop a Postman collection (.json) to import it.', result: null });
    return;
  }
  postmanImportStore.setState({ busy: true, error: null, result: null });
  try {
    const result = await importPostmanCollection(await file.text());
    postmanImportStore.setState({ result: { ...result, file: file.name } });
    await loadTemplates();
    const first = result.templates[0];
    if (first) selectTemplate(first.id);
  } catch (err) {
    postmanImportStore.setState({ error: `${file.name} was not imported: ${errorMessage(err)}` });
  } finally {
    postmanImportStore.setState({ busy: false });
  }
}

export function dismissPostmanImport(): void {
  postmanImportStore.setState({ result: null, error: null });
}
