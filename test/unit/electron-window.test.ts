import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  controlOriginOf,
  externalOpenDecision,
  isAllowedNavigation,
  isPermissionAllowed,
  leavesDespiteUnsaved,
  mainWindowOptions,
  unsavedChangesDialog,
  WINDOW_BACKGROUND,
  withContentSecurityPolicy,
} from '../../electron/window.js';

const origin = 'http://127.0.0.1:51234';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `duplicate directive ${name}`).toBe(false);
    map.set(name, values);
  }
  return map;
}

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs', ['--pi-api-url=x']);
  const prefs = options.webPreferences ?? {};

  it('isolates the page from Node and Electron', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('passes the preload and its arguments through', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(prefs.additionalArguments).toEqual(['--pi-api-url=x']);
  });

  it('has a usable size, stays hidden until painted, and follows the theme', () => {
    expect(options.width).toBeGreaterThanOrEqual(1024);
    expect(options.minWidth).toBeLessThanOrEqual(options.width ?? 0);
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    expect(mainWindowOptions('/p.cjs', [], { dark: true }).backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });
});

describe('contentSecurityPolicy', () => {
  const csp = directives(contentSecurityPolicy(origin));

  it('denies by default and allows only own scripts, never eval or inline', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy(origin)).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
  });

  it('restricts connections to the control origin', () => {
    expect(csp.get('connect-src')).toEqual([origin]);
  });

  it('has the remaining directives', () => {
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('font-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it("adds 'unsafe-inline' to style-src only on request", () => {
    const loose = directives(contentSecurityPolicy(origin, { allowInlineStyles: true }));
    expect(loose.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(loose.get('script-src')).toEqual(["'self'"]);
  });

  it('normalises the origin and refuses values that could inject directives', () => {
    expect(directives(contentSecurityPolicy(`${origin}/some/path`)).get('connect-src')).toEqual([origin]);
    expect(() => contentSecurityPolicy('file:///etc/passwd')).toThrow();
    expect(() => contentSecurityPolicy("http://a; script-src 'unsafe-eval'")).toThrow();
    expect(() => contentSecurityPolicy('not a url')).toThrow();
    expect(() => controlOriginOf('http://user:pw@127.0.0.1:1')).toThrow();
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds the header and keeps the others', () => {
    const out = withContentSecurityPolicy({ 'Content-Type': ['text/html'] }, "default-src 'none'");
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });

  it("appends to the server's own policy whatever its case, so both are enforced", () => {
    const input = { 'content-security-policy': ["default-src 'self'"] };
    const out = withContentSecurityPolicy(input, "default-src 'none'");
    expect(out).toEqual({ 'content-security-policy': ["default-src 'self'", "default-src 'none'"] });
    expect(input['content-security-policy']).toHaveLength(1);
  });

  it('copes with no headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('isAllowedNavigation', () => {
  it('allows the control origin only', () => {
    expect(isAllowedNavigation(`${origin}/`, origin)).toBe(true);
    expect(isAllowedNavigation(`${origin}/#/exchanges/12`, origin)).toBe(true);
    expect(isAllowedNavigation(`${origin}/index.html?x=1`, origin)).toBe(true);
  });

  it('blocks other ports, hosts, schemes and junk', () => {
    for (const url of [
      'http://127.0.0.1:4100/',
      'http://localhost:51234/',
      'https://127.0.0.1:51234/',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'http://127.0.0.1:51234.evil.test/',
      '',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url, origin), url).toBe(false);
    }
  });
});

describe('externalOpenDecision', () => {
  it('opens http(s) in the browser', () => {
    expect(externalOpenDecision('https://example.com/docs?a=1')).toEqual({ action: 'open-external', url: 'https://example.com/docs?a=1' });
    expect(externalOpenDecision('http://192.168.1.10:4100/pb').action).toBe('open-external');
  });

  it('denies every other scheme, credentials and junk', () => {
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'data:text/html,x',
      'mailto:a@b.c',
      'ms-settings:',
      'smb://host/share',
      'vscode://file/x',
      'https://user:pw@example.com/',
      'not a url',
      '',
    ]) {
      expect(externalOpenDecision(url).action, url).toBe('deny');
    }
  });
});

describe('isPermissionAllowed', () => {
  it('allows clipboard writes from the UI only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${origin}/`, origin)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/', origin)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '', origin)).toBe(false);
  });

  it('denies everything else, even to the UI', () => {
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fileSystem', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(permission, `${origin}/`, origin), permission).toBe(false);
    }
  });
});

describe('unsaved changes on close', () => {
  it('asks with Stay as the default and as what Escape means; only the explicit choice leaves', () => {
    expect(unsavedChangesDialog.buttons[unsavedChangesDialog.defaultId]).toBe('Stay');
    expect(unsavedChangesDialog.cancelId).toBe(unsavedChangesDialog.defaultId);
    expect(leavesDespiteUnsaved(unsavedChangesDialog.buttons.indexOf('Leave without saving'))).toBe(true);
    expect(leavesDespiteUnsaved(unsavedChangesDialog.cancelId)).toBe(false);
  });
});
