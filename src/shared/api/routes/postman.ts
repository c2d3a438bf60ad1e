import type { PostmanImportResult } from '../../../model/postman-import.js';
import { defineRoutes, typed } from '../route.js';

export const postmanRoutes = defineRoutes({
  importPostman: {
    method: 'POST',
    path: '/api/import/postman',
    description:
      'Import a Postman Collection v2.1 (JSON body): each request becomes a Composer template named by its folder path. Answers `{collection, templates: [{id, name}], warnings: [{path, item, message}], variables: [{name, value, declared, usedBy}]}`. Refused whole (400 INVALID_POSTMAN_COLLECTION, the JSON path of the first problem) when malformed.',
    tags: ['sender', 'interop'],
    input: typed<unknown>('A Postman Collection v2.1 (or v2.0) document'),
    status: 201,
    response: typed<PostmanImportResult>('The templates made, what each item could not carry, and the variables used'),
  },
});
