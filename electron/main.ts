// Desktop host: starts the core in the main process and shows its UI (served by the
// control API) in one hardened window. All policy lives in window.ts / paths.ts; this file
// only wires it to Electron. Never log core.token.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, nativeTheme, safeStorage, session, shell, type Session, type WebContents } from 'electron';
import { createCore, type Core } from '../src/index.js';
import { devSqliteBindingPath, uiDirFrom } from './paths.js';
import { preloadArguments } from './preload-args.js';
import { desktopKeyProvider } from './secret-key.js';
import {
  contentSecurityPolicy,
  controlOriginOf,
  externalOpenDecision,
  isAllowedNavigation,
  isPermissionAllowed,
  leavesDespiteUnsaved,
  mainWindowOptions,
  unsavedChangesDialog,
  withContentSecurityPolicy,
} from './window.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Upper bound on core.close() at quit: a stuck close must not leave a zombie app. */
const CLOSE_TIMEOUT_MS = 10_000;

let core: Core | undefined;
let controlOrigin: string | undefined;
let mainWindow: BrowserWindow | undefined;
let closing = false;

function errorMessage(error: unknown): string {
  // The core's errors already say what to do (e.g. "receiver port 4100 is already in use").
  return error instanceof Error ? error.message : String(error);
}

function fail(error: unknown): void {
  console.error('Postback Inspector failed to start:', errorMessage(error));
  dialog.showErrorBox('Postback Inspector could not start', errorMessage(error));
  // app.exit skips before-quit, so close a core that did start (e.g. the window failed).
  const running = core;
  core = undefined;
  void (running ? running.close() : Promise.resolve()).catch(() => undefined).finally(() => app.exit(1));
}

function hardenSession(ses: Session, origin: string): void {
  const csp = contentSecurityPolicy(origin);
  // Set here rather than only by the server, so the shell's policy holds whatever the UI
  // build or the control API send.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAllowedNavigation(details.url, origin)) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, origin));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, origin),
  );
}

/** Applied to every webContents (window, devtools, anything a future feature adds). */
function hardenContents(contents: WebContents): void {
  // No second Electron window, ever: http(s) goes to the user's browser, the rest is dropped.
  contents.setWindowOpenHandler(({ url }) => {
    const decision = externalOpenDecision(url);
    if (decision.action === 'open-external') void shell.openExternal(decision.url).catch(() => undefined);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (controlOrigin && isAllowedNavigation(url, controlOrigin)) return;
    event.preventDefault();
    // A plain <a href="https://…"> in the UI (docs links) still works, in the browser.
    const decision = externalOpenDecision(url);
    if (decision.action === 'open-external') void shell.openExternal(decision.url).catch(() => undefined);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => {
    if (!controlOrigin || !isAllowedNavigation(url, controlOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

async function createWindow(running: Core, origin: string): Promise<void> {
  const window = new BrowserWindow(
    mainWindowOptions(join(here, 'preload.cjs'), preloadArguments({ apiUrl: origin, token: running.token }), {
      dark: nativeTheme.shouldUseDarkColors,
    }),
  );
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  // An editor with unsaved changes refused the unload (close or reload): ask, as a browser would.
  window.webContents.on('will-prevent-unload', (event) => {
    if (leavesDespiteUnsaved(dialog.showMessageBoxSync(window, { ...unsavedChangesDialog, buttons: [...unsavedChangesDialog.buttons] }))) event.preventDefault();
  });
  // The token reaches the page through the preload, not the URL (no #token= in history).
  await window.loadURL(new URL('/', origin).href);
}

async function boot(): Promise<void> {
  const devBinding = devSqliteBindingPath(app.getAppPath());
  const sqliteNativeBinding = !app.isPackaged && existsSync(devBinding) ? devBinding : undefined;
  // dataDir is left to the core's default so the desktop app and `postback-inspector serve`
  // share one log; the receiver port, bind address and body limit to the core too, which takes
  // the ones saved in Settings (there are no flags here), else the built-in defaults.
  core = await createCore({
    control: { uiDir: uiDirFrom(here) },
    secretsKey: desktopKeyProvider(safeStorage),
    ...(sqliteNativeBinding ? { sqliteNativeBinding } : {}),
  });
  controlOrigin = controlOriginOf(core.controlUrl);
  hardenSession(session.defaultSession, controlOrigin);
  console.log(`Postback Inspector: receiver ${core.receiverUrl}, control API ${controlOrigin}`);
  await createWindow(core, controlOrigin);
}

function onBeforeQuit(event: { preventDefault(): void }): void {
  const running = core;
  if (!running) return;
  // Hold the quit until captures queued for commit are on disk.
  event.preventDefault();
  if (closing) return;
  closing = true;
  const timer = setTimeout(() => {
    console.error(`Postback Inspector: core did not close within ${CLOSE_TIMEOUT_MS} ms; exiting`);
    app.exit(1);
  }, CLOSE_TIMEOUT_MS);
  running
    .close()
    .catch((error: unknown) => console.error('Postback Inspector: closing the core failed:', errorMessage(error)))
    .finally(() => {
      clearTimeout(timer);
      core = undefined;
      app.quit();
    });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

// A second instance would fight over the receiver port and the SQLite file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; the receiver keeps capturing.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && controlOrigin && BrowserWindow.getAllWindows().length === 0) {
      createWindow(core, controlOrigin).catch(fail);
    }
  });
  app.on('before-quit', onBeforeQuit);
  // `npm start` forwards Ctrl+C; route it through before-quit so the core closes cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(boot).catch(fail);
}
