/** Words and dates as the app shows them. */
import type { Phase } from "../../shared/api";
import {
  formatZonedDate,
  formatZonedDateTime,
  formatZonedTime,
} from "../../shared/rules/timezones";

/** "Sat 14 March 2026, 09:00" in the event's zone. */
export const dateTime = (iso: string, timeZone: string) =>
  formatZonedDateTime(new Date(iso), timeZone);

/** "Sat 14 March 2026, 09:00 to 17:00" or across days "Sat 14 March 2026, 09:00 to Sun 15 March 2026, 17:00". */
export function dateRange(startIso: string, endIso: string, timeZone: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const sameDay = formatZonedDate(start, timeZone) === formatZonedDate(end, timeZone);
  const to = sameDay ? formatZonedTime(end, timeZone) : formatZonedDateTime(end, timeZone);
  return `${formatZonedDateTime(start, timeZone)} to ${to}`;
}

/** 1 → "1st", 2 → "2nd", 11 → "11th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
}

export const PHASE_LABELS: Record<Phase, string> = {
  upcoming: "Sign-up opens soon",
  registration: "Sign-up is open",
  waiting: "Sign-up closed, hacking starts soon",
  hacking: "Hacking now",
  judging: "Judging",
  finished: "Finished",
};

/** "1 member" / "3 members". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The single-school rule in words a 12-year-old understands. */
export const schoolRule = (singleSchool: boolean) =>
  singleSchool ? "All members must be from the same school" : "Members can be from any school";
