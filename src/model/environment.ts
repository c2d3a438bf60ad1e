/**
 * Composer environments (Postman's pattern): named sets of variables that `{{name}}` in a
 * template's URL, headers and body is replaced from, before macros are expanded and the request
 * is signed. A secret variable is stored sealed and never leaves the core in clear.
 */
export interface EnvironmentVariable {
  name: string;
  /** The value in clear; null for a secret one (the API never answers a secret). */
  value: string | null;
  secret: boolean;
  /** A secret's masked form (`••••1a2b`), as the profile list shows secrets. */
  masked?: string;
}

export interface Environment {
  id: number;
  name: string;
  variables: EnvironmentVariable[];
  createdAt: number;
  updatedAt: number;
}

/**
 * What POST/PUT take. A secret variable written without `value` keeps the value stored under its
 * name (so the UI can save an environment without ever holding its secrets).
 */
export interface EnvironmentInput {
  name: string;
  variables: Array<{ name: string; value?: string; secret?: boolean }>;
}

/** The active environment the Composer sends with, remembered in the data folder. */
export interface ActiveEnvironment {
  environmentId: number | null;
}

/** A saved Inbox view: the filter expression and, optionally, the columns shown with it. */
export interface SavedView {
  id: number;
  name: string;
  filter: string;
  /** Column ids shown with the view; null leaves the columns as they are. */
  columns: string[] | null;
  createdAt: number;
  updatedAt: number;
}

export interface SavedViewInput {
  name: string;
  filter: string;
  columns?: string[] | null;
}
