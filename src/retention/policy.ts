/** How much the store keeps: the oldest captures go first, pinned baselines and unsent postbacks never. */
export interface RetentionPolicy {
  /** Exchanges older than this many days are deleted (null: no age limit). */
  maxAgeDays: number | null;
  /** Bytes the store's pages may hold before the oldest exchanges are deleted (null: no size limit). */
  maxBytes: number | null;
}

export const noRetention: RetentionPolicy = { maxAgeDays: null, maxBytes: null };

/** The smallest size limit: below it the indexes alone would keep the store "over". */
export const minRetentionBytes = 1024 * 1024;

/** Field errors for a policy from the API or the CLI, empty when it is usable. */
export function retentionErrors(input: unknown): Array<{ field: string; message: string }> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ field: '', message: 'a retention policy is an object {maxAgeDays, maxBytes}' }];
  const value = input as Record<string, unknown>;
  const errors: Array<{ field: string; message: string }> = [];
  for (const key of Object.keys(value)) if (key !== 'maxAgeDays' && key !== 'maxBytes') errors.push({ field: key, message: 'unknown field' });
  const age = value['maxAgeDays'];
  if (age !== undefined && age !== null && (typeof age !== 'number' || !Number.isFinite(age) || age <= 0)) errors.push({ field: 'maxAgeDays', message: 'a number of days above 0, or null for no age limit' });
  const size = value['maxBytes'];
  if (size !== undefined && size !== null && (typeof size !== 'number' || !Number.isInteger(size) || size < minRetentionBytes)) {
    errors.push({ field: 'maxBytes', message: `a whole number of bytes of at least ${minRetentionBytes}, or null for no size limit` });
  }
  return errors;
}

export function toRetentionPolicy(input: Record<string, unknown>): RetentionPolicy {
  return { maxAgeDays: (input['maxAgeDays'] as number | null | undefined) ?? null, maxBytes: (input['maxBytes'] as number | null | undefined) ?? null };
}
