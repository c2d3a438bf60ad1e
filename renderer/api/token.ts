/** What the Electron preload exposes; absent in a plain browser. */
export interface PreloadBridge {
  apiUrl?: string;
  token?: string;
}

declare global {
  interface Window {
    postbackInspector?: PreloadBridge;
  }
}

const SESSION_KEY = 'postback-inspector.token';

/**
 * The bearer token arrives from the preload (desktop) or in the URL fragment (browser, printed by
 * `serve`). The fragment is stripped at once so it does not linger in history, screenshots or
 * bookmarks; sessionStorage keeps it for reloads of this tab only.
 */
export function readToken(): string | null {
  const fromPreload = window.postbackInspector?.token;
  if (fromPreload) return fromPreload;

  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(SESSION_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this page view.
    }
    hash.delete('token');
    const rest = hash.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }

  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** Base of the control API: the preload's URL in the desktop app, else this page's origin. */
export function apiBase(): string {
  return (window.postbackInspector?.apiUrl ?? '').replace(/\/+$/, '');
}
