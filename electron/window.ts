// Pure policy for the desktop shell: window options, CSP, navigation and permission
// decisions. Nothing here imports electron at runtime, so every rule is unit-tested
// under plain Node (test/unit/electron-window.test.ts); main.ts only wires them up.
import type { BrowserWindowConstructorOptions, MessageBoxSyncOptions } from 'electron';

/**
 * The UI follows the OS theme (color-scheme: light dark); painting the window in the
 * matching colour avoids a white flash before the first frame. Keep in step with renderer/styles.
 */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#111418' } as const;

export function mainWindowOptions(
  preloadPath: string,
  additionalArguments: readonly string[] = [],
  theme: { dark?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    title: 'Postback Inspector',
    backgroundColor: theme.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    // Shown on 'ready-to-show' to avoid an empty frame while the UI loads.
    show: false,
    webPreferences: {
      preload: preloadPath,
      // Hands apiUrl/token to the preload (see preload-args.ts); the page itself never sees argv.
      additionalArguments: [...additionalArguments],
      // The page talks to the core over HTTP only; it gets no Node and no Electron internals.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Dropping a file on the window must not navigate away from the UI.
      navigateOnDragDrop: false,
      // Captured payloads are not prose; red squiggles under click ids are noise.
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/**
 * Normalises the control API address to an origin ("http://127.0.0.1:51234").
 * Throws on anything that is not a plain http(s) origin: the value is pasted into a CSP
 * header, so a stray ";" or space must never get through.
 */
export function controlOriginOf(controlUrl: string): string {
  const url = new URL(controlUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`control URL must be http(s), got ${url.protocol}`);
  }
  if (url.username || url.password) throw new Error('control URL must not carry credentials');
  return url.origin;
}

/**
 * CSP for the UI. Vite emits external scripts and stylesheets, so no inline script is
 * ever needed; 'unsafe-eval' is never allowed. Frames, objects and forms are not used.
 * `allowInlineStyles` exists only for a UI library that injects <style> tags; React's
 * style={{…}} props go through CSSOM and are not affected by style-src.
 */
export function contentSecurityPolicy(controlOrigin: string, options: { allowInlineStyles?: boolean } = {}): string {
  const origin = controlOriginOf(controlOrigin);
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", ...(options.allowInlineStyles ? ["'unsafe-inline'"] : [])],
    // REST + Server-Sent Events go to the control API (same origin as the UI).
    ['connect-src', origin],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    // Vite emits workers as separate files; blob: workers stay blocked.
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** In-window navigation stays on the control origin; everything else is blocked. */
export function isAllowedNavigation(url: string, controlOrigin: string): boolean {
  const target = parseUrl(url);
  if (!target) return false;
  return target.origin === controlOriginOf(controlOrigin);
}

export type ExternalOpenDecision = { action: 'open-external'; url: string } | { action: 'deny'; reason: string };

/**
 * What to do with window.open / target=_blank. No second Electron window is ever
 * created; http(s) links go to the user's browser, every other scheme (file:, javascript:,
 * custom protocol handlers that could launch programs) is refused.
 */
export function externalOpenDecision(url: string): ExternalOpenDecision {
  const target = parseUrl(url);
  if (!target) return { action: 'deny', reason: 'unparseable URL' };
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { action: 'deny', reason: `scheme ${target.protocol} is not opened externally` };
  }
  // The browser would send these credentials; a UI link never legitimately carries them.
  if (target.username || target.password) return { action: 'deny', reason: 'URL carries credentials' };
  return { action: 'open-external', url: target.href };
}

/**
 * Permissions (camera, notifications, geolocation, …) are denied. The single exception is
 * writing to the clipboard from the UI itself: "copy as cURL" / "copy value" are core to a
 * QA tool and Chromium routes navigator.clipboard.writeText through this check.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, controlOrigin: string): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  return isAllowedNavigation(requestingUrl, controlOrigin);
}

/**
 * Response headers with our CSP added. A CSP the server already sent is kept (the browser
 * enforces every policy, so the result is never looser than either); ours is appended
 * under the same header name, whatever its case.
 */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, readonly string[]>> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers ?? {})) out[name] = [...values];
  const existing = Object.keys(out).find((name) => name.toLowerCase() === 'content-security-policy');
  const key = existing ?? 'Content-Security-Policy';
  out[key] = [...(out[key] ?? []), csp];
  return out;
}

/**
 * The page refused to unload because an editor has unsaved changes (renderer/lib/unsaved-guard.ts).
 * Electron cancels a close silently in that case, so the main process asks with this dialog.
 * "Stay" is the default and what Escape means: losing work must be the deliberate choice.
 */
export const unsavedChangesDialog = {
  type: 'question',
  buttons: ['Leave without saving', 'Stay'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
  title: 'Unsaved changes',
  message: 'Leave with unsaved changes?',
  detail: 'A template, endpoint or profile has edits that are not saved. Leaving drops them.',
} as const satisfies MessageBoxSyncOptions;

/** The dialog's answer: true when the user chose to leave (the unload then goes ahead). */
export function leavesDespiteUnsaved(choice: number): boolean {
  return choice === 0;
}
