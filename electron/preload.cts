// Sandboxed preload: CommonJS (sandboxed preloads cannot be ES modules) and
// self-contained (its require() only knows 'electron' and a few built-ins, not local
// files). The parser below mirrors parsePreloadArgs in preload-args.ts;
// test/unit/electron-preload.test.ts runs this file in a sandbox-like VM to keep them equal.
import electron = require('electron');

const API_URL_FLAG = '--pi-api-url=';
const TOKEN_FLAG = '--pi-token=';

function lastArg(argv: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  for (const arg of argv) if (arg.startsWith(flag)) value = arg.slice(flag.length);
  return value;
}

const apiUrl = lastArg(process.argv, API_URL_FLAG);
const token = lastArg(process.argv, TOKEN_FLAG);

if (apiUrl && token && !/\s/.test(token) && /^https?:\/\/[^/\s]+\/?$/.test(apiUrl)) {
  // Only these two strings cross into the page: no ipcRenderer, no generic invoke().
  electron.contextBridge.exposeInMainWorld('postbackInspector', {
    apiUrl: apiUrl.replace(/\/$/, ''),
    token,
  });
} else {
  // Never print the values themselves: argv holds the bearer token.
  console.warn('postback-inspector preload: API address or token missing from arguments');
}
