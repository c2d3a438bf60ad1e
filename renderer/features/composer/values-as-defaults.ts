/**
 * The template's defaults with the values typed in the Composer merged in, so they are saved with
 * the template (typed values alone live in this browser's storage: lost on another machine, in an
 * export, or after clearing storage). Only macros the template uses are kept, under the macro's
 * own spelling; an empty typed value ("send nothing") is not a default and is left out.
 * `normalizeName` is the sender's name matching (template.ts), passed in so this file imports
 * nothing and tests load it as is.
 */
export function valuesAsDefaults(
  defaults: Readonly<Record<string, string>> | undefined,
  typed: Readonly<Record<string, string>>,
  macroNames: readonly string[],
  normalizeName: (name: string) => string,
): Record<string, string> {
  const out: Record<string, string> = { ...(defaults ?? {}) };
  for (const macro of macroNames) {
    const key = normalizeName(macro);
    const value = typed[macro] ?? Object.entries(typed).find(([n]) => normalizeName(n) === key)?.[1];
    if (value === undefined || value === '') continue;
    // One default per macro: drop another spelling of the same name first.
    for (const n of Object.keys(out)) if (normalizeName(n) === key) delete out[n];
    out[macro] = value;
  }
  return out;
}
