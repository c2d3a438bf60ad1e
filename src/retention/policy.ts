import Type from 'typebox';
import type { FieldError } from '../model/endpoint.js';
import { schemaFieldErrors, type FieldErrorWording } from '../shared/schema-field-errors.js';

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

const RetentionPolicySchema = Type.Object(
  {
    maxAgeDays: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Null()])),
    maxBytes: Type.Optional(Type.Union([Type.Integer({ minimum: minRetentionBytes }), Type.Null()])),
  },
  { additionalProperties: false },
);

const retentionWording: FieldErrorWording = {
  byField: {
    '': 'a retention policy is an object {maxAgeDays, maxBytes}',
    maxAgeDays: 'a number of days above 0, or null for no age limit',
    maxBytes: `a whole number of bytes of at least ${minRetentionBytes}, or null for no size limit`,
  },
  unknownField: 'unknown field',
};

/** Field errors for a policy from the API or the CLI, empty when it is usable. */
export function retentionErrors(input: unknown): FieldError[] {
  return schemaFieldErrors(RetentionPolicySchema, input, '', retentionWording) ?? [];
}

export function toRetentionPolicy(input: Record<string, unknown>): RetentionPolicy {
  return { maxAgeDays: (input['maxAgeDays'] as number | null | undefined) ?? null, maxBytes: (input['maxBytes'] as number | null | undefined) ?? null };
}
