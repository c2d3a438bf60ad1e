import { decodeSkanConversion } from '../checks/skan-conversion.js';
import type { PostbackField } from '../checks/postback-fields.js';
import type { SkanConversionDecoding, SkanConversionSchema } from '../model/skan-conversion.js';
import type { PostbackIssue } from '../model/verdict.js';

/**
 * The decoding a verdict carries, and a warning per value the schema cannot read: the postback is
 * still Apple's, but the app and the advertiser's schema disagree, which skews every report built on it.
 */
export function skanConversionOf(fields: readonly PostbackField[], schema: SkanConversionSchema): { decoding: SkanConversionDecoding | null; issues: PostbackIssue[] } {
  const decoding = decodeSkanConversion(fields, schema);
  const issues: PostbackIssue[] = [];
  if (decoding?.fine?.problem) issues.push({ code: 'skan-conversion-value', severity: 'warn', param: 'conversion-value', message: decoding.fine.problem });
  if (decoding?.coarse?.problem) issues.push({ code: 'skan-conversion-value', severity: 'warn', param: 'coarse-conversion-value', message: decoding.coarse.problem });
  return { decoding, issues };
}
