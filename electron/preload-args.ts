// The main process hands the UI its API address and bearer token through the preload's
// argv (webPreferences.additionalArguments), never through the page URL, so the token
// does not end up in history, logs or the Referer header.
//
// preload.cts cannot import this file: a sandboxed preload may only require('electron'),
// so it carries its own copy of the parser. test/unit/electron-preload.test.ts runs the
// real preload against argv built here, which keeps the two in step.

export const API_URL_FLAG = '--pi-api-url=';
export const TOKEN_FLAG = '--pi-token=';

export interface PreloadBridge {
  apiUrl: string;
  token: string;
}

/** argv entries for webPreferences.additionalArguments. */
export function preloadArguments(bridge: PreloadBridge): string[] {
  return [`${API_URL_FLAG}${bridge.apiUrl}`, `${TOKEN_FLAG}${bridge.token}`];
}

/**
 * Reads the bridge back from a renderer's argv. Chromium appends additionalArguments
 * after its own switches, so the last occurrence wins. Returns null when either value is
 * missing or malformed: the UI then falls back to the #token= fragment (browser mode).
 */
export function parsePreloadArgs(argv: readonly string[]): PreloadBridge | null {
  const last = (flag: string): string | undefined => {
    let value: string | undefined;
    for (const arg of argv) if (arg.startsWith(flag)) value = arg.slice(flag.length);
    return value;
  };
  const apiUrl = last(API_URL_FLAG);
  const token = last(TOKEN_FLAG);
  if (!apiUrl || !token || /\s/.test(token)) return null;
  if (!/^https?:\/\/[^/\s]+\/?$/.test(apiUrl)) return null;
  return { apiUrl: apiUrl.replace(/\/$/, ''), token };
}
