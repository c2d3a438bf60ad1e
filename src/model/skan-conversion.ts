import Type from 'typebox';

/**
 * What an advertiser's SKAdNetwork conversion values mean. Apple only carries the numbers (a fine
 * value 0–63 and, from SKAdNetwork 4, a coarse low/medium/high); the meaning is each app's own
 * convention, so a profile holds it and the exchange detail shows the decoded postback.
 * Apple: https://developer.apple.com/documentation/storekit/receiving-ad-attributions-and-postbacks (fine 0–63,
 * coarse values) and https://developer.apple.com/documentation/storekit/receiving-postbacks-in-multiple-conversion-windows
 * (SKAdNetwork 4: three windows, days 0–2, 3–7 and 8–35; fine values only in the first postback).
 */

/** A fine value read as bit fields: a revenue bucket in some bits, event flags in others. */
export const SkanFineBitsSchema = Type.Object({
  kind: Type.Literal('bits'),
  revenue: Type.Optional(
    Type.Object({
      /** The bucket's lowest bit (0 = least significant). */
      lowBit: Type.Integer({ minimum: 0, maximum: 5 }),
      width: Type.Integer({ minimum: 1, maximum: 6 }),
      /** One label per bucket value, 2^width of them (`$0`, `$0.01–0.99`…). */
      buckets: Type.Array(Type.String()),
    }),
  ),
  /** One flag per bit: set means the event happened (`registration`, `tutorial_done`…). */
  events: Type.Array(Type.Object({ bit: Type.Integer({ minimum: 0, maximum: 5 }), label: Type.String({ minLength: 1 }) })),
});

/** A fine value read from a table of ranges that covers 0–63 exactly once. */
export const SkanFineTableSchema = Type.Object({
  kind: Type.Literal('table'),
  entries: Type.Array(Type.Object({ from: Type.Integer({ minimum: 0, maximum: 63 }), to: Type.Integer({ minimum: 0, maximum: 63 }), label: Type.String({ minLength: 1 }) })),
});

export const SkanConversionSchemaSchema = Type.Object({
  fine: Type.Optional(Type.Union([SkanFineBitsSchema, SkanFineTableSchema])),
  coarse: Type.Optional(Type.Object({ low: Type.Optional(Type.String()), medium: Type.Optional(Type.String()), high: Type.Optional(Type.String()) })),
});

export type SkanFineBits = Type.Static<typeof SkanFineBitsSchema>;
export type SkanFineTable = Type.Static<typeof SkanFineTableSchema>;
export type SkanConversionSchema = Type.Static<typeof SkanConversionSchemaSchema>;
export type SkanCoarseValue = 'low' | 'medium' | 'high';

/** A captured postback's conversion values with their meaning under the profile's schema. */
export interface SkanConversionDecoding {
  version: string | null;
  /** SKAdNetwork 4: 0, 1 or 2, the postback of the first, second or third conversion window. */
  postbackSequenceIndex: number | null;
  /** The window in words, e.g. `first postback (conversion window 0–2 days)`. */
  window: string | null;
  /** 0: view-through ad; 1: StoreKit-rendered or web ad. */
  fidelityType: number | null;
  fine: {
    value: string;
    /** The whole meaning in words; null when the schema says nothing about this value. */
    meaning: string | null;
    /** bits schemas: the revenue bucket's label and the events whose flags are set. */
    revenue?: string | null;
    events?: string[];
    problem: string | null;
  } | null;
  coarse: { value: string; meaning: string | null; problem: string | null } | null;
}
