/**
 * The inbox's key params. Splitting, decoding and parsing live in src/http; they are re-exported
 * here for the modules that still import them from this path (src/receiver is being rewritten
 * elsewhere and must keep compiling).
 */
import type { KeyParam } from '../model/exchange.js';
import { CLICK_ID_NAMES, EVENT_NAMES, STATUS_NAMES, SUB_ID_NAMES, TRANSACTION_ID_NAMES, VALUE_NAMES } from '../http/names.js';

export { splitTarget } from '../http/target.js';
export { percentDecode } from '../http/percent.js';
export { parseQuery } from '../http/query.js';

/** The params that identify a postback at a glance, most telling first. */
const keyParamGroups: readonly (readonly string[])[] = [
  [...CLICK_ID_NAMES, ...SUB_ID_NAMES],
  TRANSACTION_ID_NAMES,
  [...EVENT_NAMES, ...STATUS_NAMES],
  VALUE_NAMES,
];

export function pickKeyParams(params: ReadonlyArray<{ name: string; value: string }>, max = 3): KeyParam[] {
  const picked: KeyParam[] = [];
  for (const group of keyParamGroups) {
    if (picked.length >= max) break;
    const hit = params.find((p) => group.includes(p.name));
    if (hit) picked.push({ name: hit.name, value: hit.value });
  }
  return picked;
}

/** Every name that can be a key param, for looking them up in the params index. */
export const keyParamNames: readonly string[] = keyParamGroups.flat();
