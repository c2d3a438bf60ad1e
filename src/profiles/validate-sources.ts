import type { FieldError } from '../model/endpoint.js';
import { parseCidr } from '../shared/ip-cidr.js';

/** Each range must parse; the error names its index (`allowedSources[2]`) so the editor can point at it. */
export function allowedSourcesErrors(ranges: readonly string[] | undefined): FieldError[] {
  if (!ranges) return [];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  ranges.forEach((range, i) => {
    const parsed = parseCidr(range);
    if (!parsed.ok) return errors.push({ field: `allowedSources[${i}]`, message: parsed.message });
    const first = seen.get(parsed.cidr.text);
    if (first !== undefined) errors.push({ field: `allowedSources[${i}]`, message: `${parsed.cidr.text} is listed twice (also at ${first + 1})` });
    else seen.set(parsed.cidr.text, i);
    return undefined;
  });
  return errors;
}
