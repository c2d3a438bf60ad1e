import type { ExchangeDetail } from '../../../src/model/exchange';
import { toCurl } from '../../../src/interop/curl';
import { requestUrl } from '../../lib/url';

/** Linux caps one argument at 128 KiB; escaping can triple the size, so stay well below. */
export const INLINE_BODY_LIMIT = 32 * 1024;

export function bodyFileName(id: number): string {
  return `exchange-${id}.body`;
}

export function curlCommand(detail: ExchangeDetail, body: Uint8Array, receiverUrl: string | undefined): string {
  return toCurl(
    { method: detail.method, url: requestUrl(detail, receiverUrl), rawHeaders: detail.rawHeaders, body, httpVersion: detail.httpVersion },
    body.length > INLINE_BODY_LIMIT ? { bodyFile: bodyFileName(detail.id) } : {},
  );
}
