import type { MacroDialect } from '../model/sender.js';

/**
 * Every macro grammar the product knows, as data: the sender tokenizes templates with it, the
 * leftover check refuses sends with it, the capture checks name the grammar of a token nothing
 * replaced, and the Composer lists it. One table so a new partner grammar cannot be known to one
 * of them and missed by another (Branch's `${(x)!}` used to be read as AppsFlyer's `(x)`).
 *
 * The order is the matching order: longer, more specific forms first, so `[[x]]` is not also
 * reported as `[x]`, `${(x)!}` not as `(x)`, `{cl?Network Name}` not as a broken `{x}`.
 */
export interface MacroGrammar {
  dialect: MacroDialect;
  /** How one macro looks, for lists and messages. */
  example: string;
  /** Who writes macros this way. */
  who: string;
  /** Where the partner documents it. */
  source: string | null;
  /** A template's tokens in this dialect; group 1 is the macro's name. */
  token: RegExp;
  /**
   * This grammar's own form in text that should hold none (a captured value, a URL about to be
   * sent); group 1 is the name. Only the distinctive form: `{cl?x}` but not a plain `{x}`.
   */
  found: RegExp;
  /**
   * Outside the URL, stricter still where prose and JSON look alike (`[1]`, `(note)`); the URL is
   * checked with `found`, since any known token there would reach the partner as is.
   */
  strict?: RegExp;
  /** The macro for a name, written in this grammar. */
  write(name: string): string;
}

const upperName = (name: string) => name.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

export const MACRO_GRAMMARS: readonly MacroGrammar[] = [
  {
    dialect: 'double-square',
    example: '[[click_id]]',
    who: 'Pollfish',
    // "http://www.example.com/pollfish/[[request_uuid]]?cpa=[[cpa]]" (Pollfish docs, s2s.md).
    source: 'https://github.com/pollfish/docs/blob/master/s2s.md',
    token: /\[\[\s*([A-Za-z_][\w.-]*)\s*\]\]/g,
    found: /\[\[\s*([A-Za-z_][\w.-]*)\s*\]\]/g,
    write: (name) => `[[${name}]]`,
  },
  {
    dialect: 'double-curly',
    example: '{{click_id}}',
    who: 'Handlebars-style',
    source: null,
    // Handlebars-style templates often pad the name: `{{ click_id }}`.
    token: /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g,
    found: /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g,
    write: (name) => `{{${name}}}`,
  },
  {
    dialect: 'freemarker',
    example: '${(click_id)!}',
    who: 'Branch',
    // Branch writes `${(name)!}`, `${(user_data.aaid)!}`, `${(last_attributed_touch_data.~campaign)!}`:
    // FreeMarker's default operator, so a missing value prints nothing. Anything after `!` (a
    // default, a built-in) stays part of the token.
    source: 'https://help.branch.io/docs/postback-macros-functions',
    token: /\$\{\(\s*([A-Za-z_][\w.~$+-]*)\s*\)![^}]*\}/g,
    found: /\$\{\(\s*([A-Za-z_][\w.~$+-]*)\s*\)![^}]*\}/g,
    write: (name) => `\${(${name})!}`,
  },
  {
    dialect: 'dollar',
    example: '${click_id}',
    who: 'shell-style',
    source: null,
    token: /\$\{([A-Za-z_][\w.-]*)\}/g,
    found: /\$\{([A-Za-z_][\w.-]*)\}/g,
    write: (name) => `\${${name}}`,
  },
  {
    dialect: 'curly-arg',
    example: '{cl?Network Name}',
    who: 'Singular',
    // Singular's campaign macros take the network's name as an argument: `{cl?Network Name}`,
    // `{pcrid?Network Name}`, `{NETWORK=Network Name}`, beside plain `{EVTNAME}`; its documented
    // template: `cl_id={cl?NetworkName}&ip={EVENT_IP}&amount={AMOUNT}&event={EVTNAME}`.
    source: 'https://support.singular.net/hc/en-us/articles/115004063323-Postback-Macros-and-Passthrough-Parameters-for-Ad-Networks',
    token: /\{([A-Za-z_]\w*(?:[?=][^{}?=&]+)?)\}/g,
    found: /\{([A-Za-z_]\w*[?=][^{}?=&]+)\}/g,
    write: (name) => `{${name}}`,
  },
  {
    dialect: 'curly',
    example: '{click_id}',
    who: 'Adjust, Keitaro, Everflow',
    source: null,
    token: /\{([A-Za-z_][\w.-]*)\}/g,
    found: /\{([A-Za-z_][\w.-]*)\}/g,
    write: (name) => `{${name}}`,
  },
  {
    dialect: 'square',
    example: '[CLICKID]',
    who: 'Binom, Voluum-style',
    source: null,
    token: /\[([A-Za-z_]\w*)\]/g,
    // `[click_id]` as a value, but not a PHP-style array key (`data[click_id]=…`, `a[b][c]`).
    found: /\[([A-Z][A-Z0-9_]*)\]|(?<![\w\]])\[([A-Za-z_]\w*)\]/g,
    // JSON and prose have `[x]`: outside the URL only the upper-case macro look counts.
    strict: /\[([A-Z][A-Z0-9_]*)\]/g,
    write: (name) => `[${upperName(name)}]`,
  },
  {
    dialect: 'hash',
    example: '#s1#',
    who: 'CAKE',
    source: null,
    token: /#([A-Za-z_]\w*)#/g,
    found: /#([A-Za-z_]\w*)#/g,
    write: (name) => `#${name}#`,
  },
  {
    dialect: 'double-underscore',
    example: '__CALLBACK_PARAM__',
    who: 'TikTok',
    // TikTok's tracking links: `clickid=__CALLBACK_PARAM__&idfa=__IDFA__&os=__OS__&af_ip=__IP__`.
    // Upper case only, so Python-style `__init__` in a path is not taken for one.
    source: 'https://ads.tiktok.com/help/article?aid=6669666107177041925',
    token: /(?<![A-Za-z0-9])__([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)__(?![A-Za-z0-9])/g,
    found: /(?<![A-Za-z0-9])__([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)__(?![A-Za-z0-9])/g,
    write: (name) => `__${upperName(name)}__`,
  },
  {
    dialect: 'paren',
    example: '(click-id)',
    who: 'AppsFlyer-style',
    // AppsFlyer's postbacks to ad networks: `&IDFA=(idfa)`, `&ip_address=(ip)`, `(click-ts)`, `(advertiserId)`.
    source: 'https://support.appsflyer.com/hc/en-us/articles/207273946',
    token: /\(([A-Za-z_][\w-]*)\)/g,
    // In a URL a bare `(idfa)` or `(ip)` is an AppsFlyer macro nothing replaced; `Foo_(bar)` in a
    // path (Wikipedia-style) is not.
    found: /(?<![\w)])\(([A-Za-z_][\w-]*)\)/g,
    // Outside the URL `(note)` is prose: only a separated name like `(click-id)` counts.
    strict: /\(([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)\)/g,
    write: (name) => `(${name.replace(/_/g, '-')})`,
  },
];

export const macroDialects: readonly MacroDialect[] = MACRO_GRAMMARS.map((g) => g.dialect);

const byDialect = new Map(MACRO_GRAMMARS.map((g) => [g.dialect, g]));

export function grammarOf(dialect: MacroDialect): MacroGrammar {
  return byDialect.get(dialect)!;
}

export function isDialect(value: unknown): value is MacroDialect {
  return typeof value === 'string' && byDialect.has(value as MacroDialect);
}

/** A match's name: the square `found` pattern has two alternatives, each with its own group. */
export function matchName(match: RegExpMatchArray): string {
  return match[1] ?? match[2] ?? match[0];
}

/** How a token's grammar is named in messages: `freemarker grammar: Branch, ${(click_id)!}`. */
export function grammarLabel(dialect: MacroDialect): string {
  const g = grammarOf(dialect);
  return `${dialect} grammar: ${g.who}, ${g.example}`;
}
