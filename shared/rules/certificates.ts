import type { CeremonyState } from "../api";
import { formatZonedDate } from "./timezones";

/**
 * Whether a category's results are final, so its certificates may name awards: the ceremony
 * is over, or every award the category gives has been revealed on the projector. The same
 * facts the public results page shows, so a certificate never says more than the room heard.
 */
export function resultsFinal(
  state: Pick<CeremonyState, "finished" | "revealed" | "toGive">,
  categoryId: string,
): boolean {
  if (state.finished) return true;
  const toGive = state.toGive.find((g) => g.categoryId === categoryId)?.count ?? 0;
  if (toGive === 0) return false;
  return state.revealed.filter((a) => a.categoryId === categoryId).length >= toGive;
}

/**
 * The days of the event as a certificate says them, in the event's zone: "14–15 March 2026",
 * "31 March – 1 April 2026", or one date when it starts and ends on the same day.
 */
export function eventDays(startsAt: Date, endsAt: Date, timeZone: string): string {
  // formatZonedDate gives "Sat 14 March 2026"; a certificate reads better without the weekday.
  const [, d1, m1, y1] = formatZonedDate(startsAt, timeZone).split(" ");
  const [, d2, m2, y2] = formatZonedDate(endsAt, timeZone).split(" ");
  if (y1 !== y2) return `${d1} ${m1} ${y1} – ${d2} ${m2} ${y2}`;
  if (m1 !== m2) return `${d1} ${m1} – ${d2} ${m2} ${y2}`;
  if (d1 !== d2) return `${d1}–${d2} ${m2} ${y2}`;
  return `${d1} ${m1} ${y1}`;
}
