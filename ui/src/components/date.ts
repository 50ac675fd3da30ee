// Calendar dates as the app passes them around: ISO `YYYY-MM-DD` strings. Pure
// functions behind DateField: reading what a person typed, showing a date in
// the UI's language, stepping by days and months, keeping within a range.
// Plain proleptic Gregorian arithmetic, no Date objects and no time zones.
import type { Lang } from "../i18n";

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

function valid(y: number, m: number, d: number): Ymd | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

export function toIso(v: Ymd): string {
  return `${pad(v.y, 4)}-${pad(v.m, 2)}-${pad(v.d, 2)}`;
}

/** A strict `YYYY-MM-DD` that names a real day, or null. */
export function parseIso(iso: string | null | undefined): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? valid(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function isIso(iso: string | null | undefined): iso is string {
  return parseIso(iso) !== null;
}

// Dashes a Japanese keyboard may give instead of "-" (NFKC leaves these):
// hyphens, dashes, the minus sign and the katakana long vowel mark.
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70]/g;

/**
 * What a person typed, as ISO, or null when it is not a real day. Accepts
 * `2024-07-01`, `2024/7/1`, `2024.7.1`, `2024年7月1日`, `20240701`, with
 * full-width digits and signs (NFKC) and spaces around the parts. The year
 * comes first and has four digits: `7/1/2024` is not read (it is ambiguous).
 */
export function parseDate(text: string): string | null {
  const s = text.normalize("NFKC").replace(DASHES, "-").trim();
  let m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s);
  if (!m) m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const v = valid(Number(m[1]), Number(m[2]), Number(m[3]));
  return v ? toIso(v) : null;
}

/** How a date is shown: `2026/12/01` in Japanese, `2026-12-01` in English. */
export function formatDate(iso: string, lang: Lang): string {
  const v = parseIso(iso);
  if (!v) return iso;
  return lang === "ja" ? `${pad(v.y, 4)}/${pad(v.m, 2)}/${pad(v.d, 2)}` : toIso(v);
}

/** An example of the shown form, for placeholders and messages. */
export function datePattern(lang: Lang): string {
  return lang === "ja" ? "YYYY/MM/DD" : "YYYY-MM-DD";
}

// Days since 1970-01-01 and back (H. Hinnant's civil calendar algorithms).
function toDays({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const FIRST = "0001-01-01";
const LAST = "9999-12-31";

/** `iso` moved by `n` days (kept within years 1–9999). */
export function addDays(iso: string, n: number): string {
  const v = parseIso(iso);
  if (!v) throw new RangeError(`not a date: ${iso}`);
  const days = toDays(v) + n;
  if (days < toDays({ y: 1, m: 1, d: 1 })) return FIRST;
  if (days > toDays({ y: 9999, m: 12, d: 31 })) return LAST;
  return toIso(fromDays(days));
}

/** `iso` moved by `n` months; a day past the new month's end becomes its last day. */
export function addMonths(iso: string, n: number): string {
  const v = parseIso(iso);
  if (!v) throw new RangeError(`not a date: ${iso}`);
  const index = v.y * 12 + (v.m - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  if (y < 1) return FIRST;
  if (y > 9999) return LAST;
  return toIso({ y, m, d: Math.min(v.d, daysInMonth(y, m)) });
}

/** Where `iso` stands against the optional bounds (ISO strings; a bad bound is ignored). */
export function rangeCheck(iso: string, min?: string | null, max?: string | null): "below" | "above" | null {
  if (isIso(min) && iso < min) return "below";
  if (isIso(max) && iso > max) return "above";
  return null;
}

/** `iso` brought within the optional bounds. */
export function clampDate(iso: string, min?: string | null, max?: string | null): string {
  const r = rangeCheck(iso, min, max);
  return r === "below" ? (min as string) : r === "above" ? (max as string) : iso;
}

export type DateStep = { days: number } | { months: number };

/** The step a key stands for in a date field: ↑↓ a day, Shift+↑↓ and PageUp/PageDown a month. */
export function keyStep(key: string, shift: boolean): DateStep | null {
  switch (key) {
    case "ArrowUp":
      return shift ? { months: 1 } : { days: 1 };
    case "ArrowDown":
      return shift ? { months: -1 } : { days: -1 };
    case "PageUp":
      return { months: 1 };
    case "PageDown":
      return { months: -1 };
    default:
      return null;
  }
}

/** `iso` moved by a step, then clamped to the bounds. */
export function stepDate(iso: string, step: DateStep, min?: string | null, max?: string | null): string {
  const moved = "days" in step ? addDays(iso, step.days) : addMonths(iso, step.months);
  return clampDate(moved, min, max);
}

/** Today in the local calendar, as ISO. */
export function todayIso(now: Date = new Date()): string {
  return toIso({ y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() });
}

/** What a date field makes of its text: the ISO day to commit, or why not. */
export type DateEntry = { iso: string } | { error: "required" | "format" | "below" | "above" };

/**
 * Reads a field's text against its bounds. An empty text is `{ iso: "" }`
 * when the field may be left empty, and an error otherwise.
 */
export function readEntry(text: string, min?: string | null, max?: string | null, optional = false): DateEntry {
  if (text.normalize("NFKC").trim() === "") return optional ? { iso: "" } : { error: "required" };
  const iso = parseDate(text);
  if (!iso) return { error: "format" };
  const r = rangeCheck(iso, min, max);
  return r ? { error: r } : { iso };
}
