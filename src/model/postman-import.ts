/**
 * What a Postman collection import reports (POST /api/import/postman, `import --postman`).
 * Pure types: the renderer imports them type-only.
 */

export interface PostmanWarning {
  /** JSON path of the item (or folder) the warning is about, e.g. `$.item[0].item[1]`. */
  path: string;
  /** The template's name (folder path / item name), or the folder's path. */
  item: string;
  message: string;
}

export interface PostmanVariableReport {
  name: string;
  /** The collection's (or a folder's) value; null when only used (an environment or global is meant) or when it is a secret. */
  value: string | null;
  declared: boolean;
  /** How many imported templates use it. */
  usedBy: number;
}

export interface PostmanImportResult {
  collection: string;
  templates: Array<{ id: number; name: string }>;
  warnings: PostmanWarning[];
  variables: PostmanVariableReport[];
}
