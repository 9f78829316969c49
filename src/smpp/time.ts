// SMPP time strings (schedule_delivery_time, validity_period, final_date, broadcast_end_time):
// `YYMMDDhhmmsstnnp`, 16 characters (plus the NUL on the wire). p is '+' or '-' (nn quarter-hours
// ahead of or behind UTC: an absolute time) or 'R' (a relative period). Empty means "immediate"
// or "MC default". Years are 2000 + YY.
// Browser-safe: no Buffer, no node: imports.

export interface SmppTimeProblem {
  /** 0-based character index in the string. */
  position: number;
  message: string;
}

export interface RelativeTime {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export type SmppTime =
  | { kind: 'default'; raw: string; problems: SmppTimeProblem[] }
  | {
      kind: 'absolute';
      raw: string;
      /** The instant, in UTC. */
      date: Date;
      /** Tenths of a second (t). */
      tenths: number;
      /** Offset from UTC in quarter-hours, signed (+4 = UTC+01:00). */
      offsetQuarterHours: number;
      problems: SmppTimeProblem[];
    }
  | ({ kind: 'relative'; raw: string; problems: SmppTimeProblem[] } & RelativeTime)
  | { kind: 'invalid'; raw: string; problems: SmppTimeProblem[] };

const FIELD_NAMES = ['year', 'year', 'month', 'month', 'day', 'day', 'hour', 'hour', 'minute', 'minute', 'second', 'second', 'tenths', 'UTC offset', 'UTC offset'];

function charDesc(s: string, i: number): string {
  const c = s.charCodeAt(i);
  const shown = c < 0x20 || c === 0x7f ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${s[i]}'`;
  return `character ${i + 1} (${shown})`;
}

/** The two digits at `i` as a number (the caller has checked that they are digits). */
function two(s: string, i: number): number {
  return (s.charCodeAt(i) - 0x30) * 10 + s.charCodeAt(i + 1) - 0x30;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `month` (1..12) of `year`, Gregorian. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Adds a problem when the two-digit field at `pos` holds `v` outside lo..hi. */
function outside(problems: SmppTimeProblem[], s: string, pos: number, v: number, lo: number, hi: number, name: string): void {
  if (v < lo || v > hi) problems.push({ position: pos, message: `${name} ${s.slice(pos, pos + 2)} at characters ${pos + 1}–${pos + 2} is outside ${lo}..${hi}` });
}

/** Parses an SMPP time string. Never throws; a fault names the character position. */
export function parseSmppTime(s: string): SmppTime {
  const raw = s;
  if (s.length === 0) return { kind: 'default', raw, problems: [] };
  const problems: SmppTimeProblem[] = [];
  if (s.length !== 16) {
    const position = Math.min(s.length, 16);
    problems.push({
      position,
      message: `an SMPP time is 16 characters (YYMMDDhhmmsstnnp) but this one has ${s.length}`,
    });
    return { kind: 'invalid', raw, problems };
  }
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      problems.push({ position: i, message: `${charDesc(s, i)} must be a digit (${FIELD_NAMES[i]})` });
    }
  }
  const p = s[15];
  if (p !== '+' && p !== '-' && p !== 'R') {
    problems.push({ position: 15, message: `${charDesc(s, 15)} must be '+', '-' (absolute) or 'R' (relative)` });
  }
  if (problems.length) return { kind: 'invalid', raw, problems };
  const YY = two(s, 0);
  const MM = two(s, 2);
  const DD = two(s, 4);
  const hh = two(s, 6);
  const mm = two(s, 8);
  const ss = two(s, 10);
  const t = s.charCodeAt(12) - 0x30;
  const nn = two(s, 13);
  if (p === 'R') {
    if (t !== 0 || nn !== 0) problems.push({ position: 12, message: `characters 13–15 of a relative time should be "000", found ${JSON.stringify(s.slice(12, 15))}` });
    return { kind: 'relative', raw, years: YY, months: MM, days: DD, hours: hh, minutes: mm, seconds: ss, problems };
  }
  outside(problems, s, 2, MM, 1, 12, 'month');
  outside(problems, s, 6, hh, 0, 23, 'hour');
  outside(problems, s, 8, mm, 0, 59, 'minute');
  outside(problems, s, 10, ss, 0, 59, 'second');
  outside(problems, s, 13, nn, 0, 48, 'UTC offset (quarter-hours)');
  const year = 2000 + YY;
  if (MM >= 1 && MM <= 12) {
    const days = daysInMonth(year, MM);
    if (DD < 1 || DD > days) problems.push({ position: 4, message: `day ${s.slice(4, 6)} at characters 5–6 is outside 1..${days}` });
  }
  if (problems.length) return { kind: 'invalid', raw, problems };
  const offsetQuarterHours = p === '-' ? -nn : nn;
  const local = Date.UTC(year, MM - 1, DD, hh, mm, ss, t * 100);
  return { kind: 'absolute', raw, date: new Date(local - offsetQuarterHours * 15 * 60_000), tenths: t, offsetQuarterHours, problems };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Formats an instant as an absolute SMPP time, shown in the zone `offsetQuarterHours` ahead of
 * UTC (default 0: UTC, written "+" with nn = 00). Throws RangeError outside 2000–2099 or for an
 * offset outside −48..48.
 */
export function formatSmppTime(date: Date, offsetQuarterHours = 0): string {
  if (!Number.isInteger(offsetQuarterHours) || Math.abs(offsetQuarterHours) > 48) {
    throw new RangeError(`UTC offset ${offsetQuarterHours} quarter-hours is outside -48..48`);
  }
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  const local = new Date(ms + offsetQuarterHours * 15 * 60_000);
  const year = local.getUTCFullYear();
  if (year < 2000 || year > 2099) throw new RangeError(`year ${year} cannot be written as an SMPP time (2000–2099)`);
  return (
    pad2(year - 2000) +
    pad2(local.getUTCMonth() + 1) +
    pad2(local.getUTCDate()) +
    pad2(local.getUTCHours()) +
    pad2(local.getUTCMinutes()) +
    pad2(local.getUTCSeconds()) +
    String(Math.floor(local.getUTCMilliseconds() / 100)) +
    pad2(Math.abs(offsetQuarterHours)) +
    (offsetQuarterHours < 0 ? '-' : '+')
  );
}

/** Formats a relative period as `YYMMDDhhmmss000R`. Each unit must be 0..99 (RangeError otherwise). */
export function formatRelativeTime(rel: Partial<RelativeTime>): string {
  const order: (keyof RelativeTime)[] = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'];
  let s = '';
  for (const k of order) {
    const v = rel[k] ?? 0;
    if (!Number.isInteger(v) || v < 0 || v > 99) throw new RangeError(`${k} ${v} is outside 0..99`);
    s += pad2(v);
  }
  return s + '000R';
}

/** Adds a relative period to an instant (calendar arithmetic in UTC). */
export function addRelativeTime(from: Date, rel: RelativeTime): Date {
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + rel.years, d.getUTCMonth() + rel.months, d.getUTCDate() + rel.days);
  return new Date(d.getTime() + ((rel.hours * 60 + rel.minutes) * 60 + rel.seconds) * 1000);
}

/** A relative period in words: "2 days 3 hours". */
const UNITS: readonly (readonly [keyof RelativeTime, string])[] = [
  ['years', 'year'],
  ['months', 'month'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
];

export function describeRelativeTime(rel: RelativeTime): string {
  let text = '';
  for (const [k, name] of UNITS) {
    const v = rel[k];
    if (v) text += (text ? ' ' : '') + v + ' ' + name + (v === 1 ? '' : 's');
  }
  return text || '0 seconds';
}

function formatOffset(q: number): string {
  const minutes = Math.abs(q) * 15;
  return `${q < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/**
 * Display text for an SMPP time string, e.g. "2013-05-05 08:26:00.0 +01:00 (2013-05-05T07:26:00.000Z)",
 * "relative: 2 days 3 hours", "immediate / MC default", "invalid: character 16 …".
 */
export function describeSmppTime(s: string | SmppTime): string {
  if (typeof s === 'string') {
    const quick = describeWellFormed(s);
    if (quick !== undefined) return quick;
  }
  const t = typeof s === 'string' ? parseSmppTime(s) : s;
  switch (t.kind) {
    case 'default':
      return 'immediate / MC default';
    case 'relative':
      return `relative: ${describeRelativeTime(t)}`;
    case 'invalid': {
      let text = 'invalid: ' + t.problems[0]!.message;
      for (let i = 1; i < t.problems.length; i++) text += '; ' + t.problems[i]!.message;
      return text;
    }
    case 'absolute': {
      const r = t.raw;
      const local = '20' + r.slice(0, 2) + '-' + r.slice(2, 4) + '-' + r.slice(4, 6) + ' ' + r.slice(6, 8) + ':' + r.slice(8, 10) + ':' + r.slice(10, 12) + '.' + r[12];
      return local + ' ' + formatOffset(t.offsetQuarterHours) + ' (' + t.date.toISOString() + ')';
    }
  }
}

/** `+01:00` for each offset in quarter-hours (−48..48), at index q + 48, made once each. */
const OFFSETS: (string | undefined)[] = new Array<string | undefined>(97);

/** The code unit of the digit 0. */
const ZERO = 0x30;

/** The code units of a local time as written and of an instant in ISO form, their fixed characters in place. */
const LOCAL: number[] = Array.from('2000-00-00 00:00:00.0', (c) => c.charCodeAt(0));
const ISO: number[] = Array.from('0000-00-00T00:00:00.000Z', (c) => c.charCodeAt(0));

/** The two digits of n (0..99) at codes[at]. */
function putTwo(codes: number[], at: number, n: number): void {
  codes[at] = ZERO + Math.floor(n / 10);
  codes[at + 1] = ZERO + (n % 10);
}

/** The two code units of s at i, at codes[at]. */
function copyTwo(codes: number[], at: number, s: string, i: number): void {
  codes[at] = s.charCodeAt(i);
  codes[at + 1] = s.charCodeAt(i + 1);
}

/**
 * describeSmppTime of a well-formed time string, read in place: no SmppTime, Date or problem
 * list is made. Undefined for the empty string and for anything parseSmppTime finds at fault
 * (other than a relative time's non-zero tnn, which it reports but describes all the same).
 */
function describeWellFormed(s: string): string | undefined {
  if (s.length !== 16) return undefined;
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  const p = s.charCodeAt(15);
  if (p === 0x52 /* R */) return 'relative: ' + relativeWords(s);
  if (p !== 0x2b /* + */ && p !== 0x2d /* - */) return undefined;
  const year = 2000 + two(s, 0);
  const MM = two(s, 2);
  const DD = two(s, 4);
  const hh = two(s, 6);
  const mm = two(s, 8);
  const nn = two(s, 13);
  if (MM < 1 || MM > 12 || hh > 23 || mm > 59 || two(s, 10) > 59 || nn > 48 || DD < 1 || DD > daysInMonth(year, MM)) return undefined;
  const q = p === 0x2d ? -nn : nn;
  // The instant in UTC: the local time less the offset (at most 12 hours, so at most a day away).
  let minutes = hh * 60 + mm - q * 15;
  let y = year;
  let mo = MM;
  let d = DD;
  if (minutes < 0) {
    minutes += 1440;
    if (--d === 0) {
      if (--mo === 0) {
        mo = 12;
        y--;
      }
      d = daysInMonth(y, mo);
    }
  } else if (minutes >= 1440) {
    minutes -= 1440;
    if (++d > daysInMonth(y, mo)) {
      d = 1;
      if (++mo === 13) {
        mo = 1;
        y++;
      }
    }
  }
  // 20YY-MM-DD hh:mm:ss.t, as written.
  for (let k = 0; k < 6; k++) copyTwo(LOCAL, 2 + k * 3, s, k * 2);
  LOCAL[20] = s.charCodeAt(12);
  const local = String.fromCharCode.apply(null, LOCAL);
  // YYYY-MM-DDThh:mm:ss.t00Z, as Date#toISOString writes the instant.
  putTwo(ISO, 0, Math.floor(y / 100));
  putTwo(ISO, 2, y % 100);
  putTwo(ISO, 5, mo);
  putTwo(ISO, 8, d);
  putTwo(ISO, 11, Math.floor(minutes / 60));
  putTwo(ISO, 14, minutes % 60);
  copyTwo(ISO, 17, s, 10);
  ISO[20] = s.charCodeAt(12);
  const iso = String.fromCharCode.apply(null, ISO);
  return local + ' ' + (OFFSETS[q + 48] ??= formatOffset(q)) + ' (' + iso + ')';
}

/** describeRelativeTime of the six two-digit units of a relative time string, without making a RelativeTime. */
function relativeWords(s: string): string {
  let text = '';
  for (let k = 0; k < 6; k++) {
    const v = two(s, k * 2);
    if (v !== 0) text = (text ? text + ' ' : '') + v + ' ' + UNITS[k]![1] + (v === 1 ? '' : 's');
  }
  return text || '0 seconds';
}
