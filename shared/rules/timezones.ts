import { MONTH_NAMES } from "./calendar";

/** True when the runtime knows this IANA time zone (for example "Europe/London"). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
  monthName: string;
}

// Building an Intl formatter is slow; a page formats many dates in one or two zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      numberingSystem: "latn",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The date and time a wall clock in `timeZone` shows at `date`. */
function wallClock(date: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  const monthName = parts.month ?? "";
  return {
    year: Number(parts.year),
    month: MONTH_NAMES.indexOf(monthName) + 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: parts.weekday ?? "",
    monthName,
  };
}

/** How far ahead of UTC the zone's clocks are at `instantMs`, in milliseconds. */
function offsetMs(instantMs: number, timeZone: string): number {
  const w = wallClock(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant at which clocks in `timeZone` show the wall time `local`
 * ("YYYY-MM-DDTHH:mm", the value of an `<input type="datetime-local">`).
 * A time that happens twice (clocks going back) gives the first of the two; a time that
 * never happens (clocks going forward) is moved forward by the gap, so 01:30 on the day
 * the UK starts summer time is 02:30 BST. Throws a RangeError for a malformed value.
 */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) throw new RangeError(`Not a local date and time: "${local}"`);
  const [, y, mo, d, h, mi, s] = match;
  const wallMs = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
  );
  if (Number.isNaN(wallMs)) throw new RangeError(`Not a local date and time: "${local}"`);
  // The offsets a day either side of the wall time cover any single transition between them.
  const before = offsetMs(wallMs - DAY_MS, timeZone);
  const after = offsetMs(wallMs + DAY_MS, timeZone);
  const candidates = [wallMs - before, wallMs - after].filter(
    (instant) => instant + offsetMs(instant, timeZone) === wallMs,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wallMs - before);
}

/** The `datetime-local` value ("YYYY-MM-DDTHH:mm") that clocks in `timeZone` show at `date`. */
export function utcToZonedLocal(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** A date as people in the UK write it, in the event's zone: "Sat 14 March 2026". */
export function formatZonedDate(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  return `${w.weekday} ${w.day} ${w.monthName} ${w.year}`;
}

/** A date and time in the event's zone, British style: "Sat 14 March 2026, 09:00". */
export function formatZonedDateTime(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  return `${formatZonedDate(date, timeZone)}, ${pad(w.hour)}:${pad(w.minute)}`;
}

/** Just the time of day in the event's zone: "09:00". */
export function formatZonedTime(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}
