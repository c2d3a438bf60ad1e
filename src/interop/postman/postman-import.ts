/**
 * A whole Postman Collection v2.1 → the Composer templates to store, decided before anything is
 * written: a malformed collection is refused at its first problem (PostmanError with the JSON
 * path), and each request becomes one template named by its folder path. What a template cannot
 * hold (scripts, file bodies, computed auth) is reported per item as a warning, never dropped
 * silently. `{{variables}}` are kept as written and listed, declared or not, for the user to give
 * values to.
 */
import type { PostmanVariableReport, PostmanWarning } from '../../model/postman-import.js';
import type { TemplateSpec } from '../../model/sender.js';
import { guessDialect } from '../../sender/dialects.js';
import { parseTemplateSpec } from '../../sender/template-spec.js';
import { authParts } from './postman-auth.js';
import { bodyParts } from './postman-body.js';
import { checkPostmanCollection, PostmanError } from './postman-check.js';
import { isFolder, type PostmanAuth, type PostmanEvent, type PostmanFolder, type PostmanItem, type PostmanKeyValue, type PostmanVariable } from './postman-types.js';
import { urlText } from './postman-url.js';

export interface PostmanImportPlan {
  collection: string;
  templates: TemplateSpec[];
  warnings: PostmanWarning[];
  variables: PostmanVariableReport[];
}

/** Postman sends no body with these methods unless the request disables "body pruning". */
const prunedBodyMethods = new Set(['GET', 'COPY', 'HEAD', 'PURGE', 'UNLOCK']);
const variableUse = /\{\{([^{}]+)\}\}/g;
const separator = ' / ';

interface Scope {
  names: string[];
  auth: PostmanAuth | null;
}

export function planPostmanImport(input: unknown): PostmanImportPlan {
  const collection = checkPostmanCollection(input);
  const warnings: PostmanWarning[] = [];
  const declared = new Map<string, string | null>();
  const templates: TemplateSpec[] = [];
  const declare = (list: PostmanVariable[] | undefined): void => {
    for (const v of list ?? []) {
      const name = v.key ?? v.id;
      if (!name || v.disabled === true || declared.has(name)) continue;
      // A secret's value is not repeated in reports and logs; the user gives it where it is used.
      declared.set(name, v.type === 'secret' ? null : v.value === undefined || v.value === null ? '' : String(v.value));
    }
  };
  declare(collection.variable);
  scriptWarnings(collection.event, '$', collection.info.name, warnings);

  const walk = (nodes: Array<PostmanItem | PostmanFolder>, scope: Scope, path: string): void => {
    nodes.forEach((node, i) => {
      const at = `${path}.item[${i}]`;
      const name = node.name?.trim() || (isFolder(node) ? `Folder ${i + 1}` : '');
      if (isFolder(node)) {
        const auth = node.auth === undefined || node.auth === null ? scope.auth : node.auth;
        declare(node.variable);
        scriptWarnings(node.event, at, [...scope.names, name].join(separator), warnings);
        walk(node.item, { names: [...scope.names, name], auth }, at);
        return;
      }
      templates.push(templateOf(node, scope, name, at, warnings));
    });
  };
  walk(collection.item, { names: [], auth: collection.auth ?? null }, '$');
  return { collection: collection.info.name, templates, warnings, variables: variableReport(templates, declared) };
}

function templateOf(item: PostmanItem, scope: Scope, itemName: string, path: string, warnings: PostmanWarning[]): TemplateSpec {
  const request = typeof item.request === 'string' ? { url: item.request } : item.request;
  const method = (request.method ?? 'GET').toUpperCase();
  const auth = authParts(request.auth === undefined || request.auth === null ? scope.auth : request.auth);
  const url = urlText(request.url ?? '', auth.query);
  const name = [...scope.names, itemName || `${method} ${url}`].join(separator);
  const warn = (message: string): void => void warnings.push({ path, item: name, message });
  scriptWarnings(item.event, path, name, warnings, warn);
  if (auth.warning) warn(auth.warning);

  const headers = headerList(request.header);
  for (const [header, value] of auth.headers) {
    if (headers.some(([n]) => n.toLowerCase() === header.toLowerCase())) warn(`the request sets ${header} itself: the auth's ${header} was not added`);
    else headers.push([header, value]);
  }
  let body = bodyParts(request.body);
  for (const w of body.warnings) warn(w);
  if (body.bodyMode !== 'none' && prunedBodyMethods.has(method) && item.protocolProfileBehavior?.['disableBodyPruning'] !== true) {
    warn(`Postman sends no body with ${method} (unless "disableBodyPruning" is set), so the body was left out`);
    body = { ...body, bodyMode: 'none', body: '', contentType: null };
  }
  if (body.contentType && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', body.contentType]);
  const followRedirects = item.protocolProfileBehavior?.['followRedirects'];
  const text = [url, ...headers.map(([n, v]) => `${n}: ${v}`), body.body].join('\n');
  try {
    return parseTemplateSpec({
      name,
      method,
      url,
      headers,
      bodyMode: body.bodyMode,
      body: body.body,
      dialect: text.includes('{{') ? 'double-curly' : guessDialect(text),
      ...(typeof followRedirects === 'boolean' ? { followRedirects } : {}),
    });
  } catch (error) {
    throw new PostmanError(`${path}.request`, (error as Error).message);
  }
}

/** Headers in their order, disabled ones left out; a header string is Postman's bulk-edit text. */
function headerList(header: PostmanKeyValue[] | string | undefined): Array<[string, string]> {
  if (typeof header === 'string') {
    return header
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('//'))
      .map((line): [string, string] => {
        const colon = line.indexOf(':');
        return colon < 0 ? [line.trim(), ''] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      });
  }
  return (header ?? []).filter((h) => h.disabled !== true).map((h): [string, string] => [h.key ?? '', h.value ?? '']);
}

function scriptWarnings(events: PostmanEvent[] | undefined, path: string, item: string, warnings: PostmanWarning[], warn = (message: string): void => void warnings.push({ path, item, message })): void {
  for (const event of events ?? []) {
    if (event.disabled === true) continue;
    const script = (event as { script?: { exec?: string | string[] } }).script?.exec;
    const lines = Array.isArray(script) ? script.join('\n') : (script ?? '');
    if (lines.trim() === '') continue;
    if (event.listen === 'prerequest') warn('its pre-request script is not run: values it sets must be given in the Composer');
    else if (event.listen === 'test') warn('its test script is not imported (a scenario plan can check the postbacks instead)');
    else warn(`its "${event.listen}" script is not imported`);
  }
}

function variableReport(templates: TemplateSpec[], declared: Map<string, string | null>): PostmanVariableReport[] {
  const used = new Map<string, number>();
  for (const t of templates) {
    const names = new Set([...[t.url, ...t.headers.flat(), t.body].join('\n').matchAll(variableUse)].map((m) => m[1]!.trim()));
    for (const name of names) used.set(name, (used.get(name) ?? 0) + 1);
  }
  const names = [...new Set([...declared.keys(), ...used.keys()])];
  return names.map((name) => ({ name, value: declared.get(name) ?? null, declared: declared.has(name), usedBy: used.get(name) ?? 0 }));
}
