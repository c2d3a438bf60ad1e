export interface CompiledPath {
  match(path: string): Record<string, string> | null;
}

/**
 * `/pb` matches exactly, `/pb/:partner` binds one segment, a trailing `/*` (or `*`) matches the
 * rest. Matching is on the raw path, so what a partner sent is what a rule sees.
 */
export function compilePathPattern(pattern: string): CompiledPath {
  const problem = pathPatternError(pattern);
  if (problem) throw new Error(problem);
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((segment, index, all) => {
      if (segment === '*' && index === all.length - 1) {
        names.push('*');
        return '?(.*)';
      }
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return escapeRegExp(segment);
    })
    .join('/');
  // "/hooks/*" also matches "/hooks" itself (the slash before "*" is optional); a lone "*" matches all.
  const regex = pattern === '*' ? /^(.*)$/ : new RegExp(`^${source}$`);
  return {
    match(path) {
      const m = regex.exec(path);
      if (!m) return null;
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = m[i + 1] ?? ''));
      return params;
    },
  };
}

export function pathPatternError(pattern: string): string | null {
  if (!pattern.startsWith('/') && pattern !== '*') return 'must start with "/"';
  const segments = pattern.split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment.includes('*') && !(segment === '*' && i === segments.length - 1)) return '"*" is allowed only as the whole last segment';
    if (segment.startsWith(':') && !/^:[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return `bad parameter name "${segment}"`;
  }
  const names = segments.filter((s) => s.startsWith(':'));
  if (new Set(names).size !== names.length) return 'a parameter name is used twice';
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
