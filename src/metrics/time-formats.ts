/**
 * Conversion-time formats as data, and one parser for all of them. Partners write times in
 * several ways (unix seconds or ms, ISO 8601 with or without a zone, ironSource's YYYYMMDDHHMM);
 * reading one as another puts a conversion in 1976 or hours off, and the response-time KPI with
 * it. Pure: the UI may use it too.
 */

/**
 * A named way to write a time. `zone` applies to formats that carry none: 'UTC', a fixed offset
 * (`+08:00`) or an IANA name (`America/New_York`).
 */
export type TimeFormat =
  | { kind: 'unix-s' }
  | { kind: 'unix-ms' }
  /** Unix seconds, ms or µs told apart by their number of digits. */
  | { kind: 'unix-auto' }
  /** ISO 8601 / RFC 3339, `T` or a space between date and time; a zone in the text wins over `zone`. */
  | { kind: 'iso'; zone: string }
  /** YYYYMMDDHHMM (12 digits) or YYYYMMDDHHMMSS (14 digits), no separators. */
  | { kind: 'compact'; digits: 12 | 14; zone: string };

export type TimeRead = { ok: true; ms: number } | { ok: false; problem: string };

/**
 * What an unlabelled param (`ts`, `event_time`…) is tried as. Zoneless ISO is read as UTC, not as
 * this machine's local time: a postback's time comes from the partner's server, and the
 * inspector's own zone says nothing about it.
 */
export const DEFAULT_ZONE = 'UTC';

const notUnderstood = (text: string, why: string): TimeRead => ({ ok: false, problem: `timestamp not understood: ${JSON.stringify(text.slice(0, 60))} (${why})` });

/** Reads `text` in `format`; a problem (never a guess) when it does not fit. */
export function readTime(text: string, format: TimeFormat = { kind: 'unix-auto' }): TimeRead {
  const t = text.trim();
  switch (format.kind) {
    case 'unix-s':
    case 'unix-ms': {
      if (!/^\d+(\.\d+)?$/.test(t)) return notUnderstood(t, `not a unix time in ${format.kind === 'unix-s' ? 'seconds' : 'milliseconds'}`);
      const n = Number(t);
      return { ok: true, ms: Math.round(format.kind === 'unix-s' ? n * 1000 : n) };
    }
    case 'unix-auto':
      return readUnknown(t);
    case 'iso':
      return readIso(t, format.zone);
    case 'compact':
      return readCompact(t, format.digits, format.zone);
  }
}

/**
 * A time of unknown format, told apart by shape: 12 or 14 digits that form a valid calendar
 * date are YYYYMMDDHHMM(SS) (as unix ms those would be years 1973–2001, or beyond 5000);
 * otherwise 9–11 digits are unix seconds, 13 ms, 16 µs; ISO 8601 dates in `zone` when zoneless.
 */
export function readUnknown(text: string, zone: string = DEFAULT_ZONE): TimeRead {
  const t = text.trim();
  if (/^\d{12}$/.test(t) || /^\d{14}$/.test(t)) {
    const compact = readCompact(t, t.length as 12 | 14, zone);
    if (compact.ok) return compact;
  }
  const decimal = /^(\d+)(\.\d+)?$/.exec(t);
  if (decimal) {
    const digits = decimal[1]!.length;
    const n = Number(t);
    if (digits >= 9 && digits <= 11) return { ok: true, ms: Math.round(n * 1000) };
    if (digits === 13) return { ok: true, ms: Math.round(n) };
    if (digits === 16) return { ok: true, ms: Math.round(n / 1000) };
    return notUnderstood(t, `${digits} digits is neither unix seconds (10), ms (13), µs (16) nor YYYYMMDDHHMM(SS)`);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) return readIso(t, zone);
  return notUnderstood(t, 'not a unix time, an ISO 8601 date or YYYYMMDDHHMM');
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function readIso(text: string, zone: string): TimeRead {
  const m = ISO.exec(text);
  if (!m) return notUnderstood(text, 'not ISO 8601');
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, inText] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const fields = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h), mi: Number(mi), s: Number(s), ms };
  if (!validFields(fields)) return notUnderstood(text, 'no such date or time');
  return atZone(fields, inText ?? zone, text);
}

function readCompact(text: string, digits: 12 | 14, zone: string): TimeRead {
  if (!new RegExp(`^\\d{${digits}}$`).test(text)) return notUnderstood(text, `not ${digits === 12 ? 'YYYYMMDDHHMM' : 'YYYYMMDDHHMMSS'}`);
  const n = (from: number, len: number) => Number(text.slice(from, from + len));
  const fields = { y: n(0, 4), mo: n(4, 2), d: n(6, 2), h: n(8, 2), mi: n(10, 2), s: digits === 14 ? n(12, 2) : 0, ms: 0 };
  if (!validFields(fields)) return notUnderstood(text, `no such date or time as ${digits === 12 ? 'YYYYMMDDHHMM' : 'YYYYMMDDHHMMSS'}`);
  return atZone(fields, zone, text);
}

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function validFields(f: Fields): boolean {
  if (f.y < 1970 || f.mo < 1 || f.mo > 12 || f.d < 1 || f.h > 23 || f.mi > 59 || f.s > 60) return false;
  // Date.UTC rolls 31 April over to 1 May: a date that does not come back unchanged does not exist.
  return new Date(Date.UTC(f.y, f.mo - 1, f.d)).getUTCDate() === f.d;
}

function atZone(f: Fields, zone: string, text: string): TimeRead {
  const wall = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s, f.ms);
  const offset = /^(Z|UTC|GMT)$/i.test(zone) ? 0 : fixedOffset(zone);
  if (offset !== null) return { ok: true, ms: wall - offset };
  const named = namedZoneMs(wall, zone);
  return named === null ? notUnderstood(text, `unknown time zone ${JSON.stringify(zone)}`) : { ok: true, ms: named };
}

/** `+08:00`, `+0800`, `-05` → offset in ms; null when `zone` is not a fixed offset. */
function fixedOffset(zone: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * The instant whose wall-clock time in `zone` is `wall` (a UTC-based ms of the wall fields):
 * the zone's offset is read at the guess and once more after correcting (DST edges).
 */
function namedZoneMs(wall: number, zone: string): number | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch {
    return null;
  }
  const offsetAt = (instant: number): number => {
    const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}
