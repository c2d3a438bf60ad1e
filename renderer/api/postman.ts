import type { PostmanImportResult } from '../../src/model/postman-import';
import { callApiWithJsonText } from './call';

/** The file goes as it is: the core checks it and answers with the JSON path of the first problem. */
export const importPostmanCollection = (text: string): Promise<PostmanImportResult> => callApiWithJsonText('importPostman', text);
