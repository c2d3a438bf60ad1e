/** Sizes typed as a number and a unit; binary units, as the status line shows bytes (formatBytes). */
export const SIZE_UNITS = [
  ['KiB', 1024],
  ['MiB', 1024 ** 2],
  ['GiB', 1024 ** 3],
] as const;

export type SizeUnit = (typeof SIZE_UNITS)[number][0];

const factor = (unit: SizeUnit): number => SIZE_UNITS.find(([u]) => u === unit)![1];

/** The largest unit that shows the bytes as a whole number (or at most two decimals), for the form. */
export function splitSize(bytes: number | null, fallback: SizeUnit): { amount: string; unit: SizeUnit } {
  if (bytes === null) return { amount: '', unit: fallback };
  for (const [unit, size] of [...SIZE_UNITS].reverse()) {
    const amount = bytes / size;
    if (amount >= 1 && Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-9) return { amount: String(Math.round(amount * 100) / 100), unit };
  }
  return { amount: String(bytes / 1024), unit: 'KiB' };
}

/**
 * Bytes for the typed amount: empty is null (no limit / the default), anything not a number is
 * NaN so the server refuses it at the field rather than the typo being dropped. Rounded to whole
 * bytes: the API wants integers and "1.5 GiB" should still be usable.
 */
export function joinSize(amount: string, unit: SizeUnit): number | null {
  const text = amount.trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * factor(unit)) : Number.NaN;
}
