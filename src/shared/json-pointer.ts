/** `/steps/2/send` → `['steps', '2', 'send']`; RFC 6901 escapes undone (`~1` is `/`, `~0` is `~`). */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['steps', '2', 'send', 'vars']` → `steps[2].send.vars`: a field named the way forms and error messages name it ('' for the whole document). */
export function fieldPath(segments: readonly string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
