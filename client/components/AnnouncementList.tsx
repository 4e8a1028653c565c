/** The latest announcements from the event's live connection, newest first. */
import { formatZonedDate, formatZonedTime } from "../../shared/rules/timezones";
import { useEventSocket } from "../hooks/useEventSocket";
import { MegaphoneIcon } from "./Icons";
import "./AnnouncementList.css";

/** "14:05" today, or "Sat 14 March 2026, 14:05" on another day, in the event's zone. */
export function announcedAt(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const sameDay = formatZonedDate(at, timeZone) === formatZonedDate(new Date(), timeZone);
  return sameDay
    ? formatZonedTime(at, timeZone)
    : `${formatZonedDate(at, timeZone)}, ${formatZonedTime(at, timeZone)}`;
}

export function AnnouncementList({ timeZone, limit = 5 }: { timeZone: string; limit?: number }) {
  const { announcements } = useEventSocket();
  if (announcements.length === 0)
    return (
      <p className="muted announcement-empty">
        <MegaphoneIcon /> No announcements yet. News from the organizers will appear here as it
        happens.
      </p>
    );
  return (
    <ul className="announcement-list" aria-live="polite">
      {announcements.slice(0, limit).map((a) => (
        <li key={a.id} className="announcement">
          <time dateTime={a.at} className="announcement-time">
            {announcedAt(a.at, timeZone)}
          </time>
          <p className="announcement-text">{a.text}</p>
        </li>
      ))}
    </ul>
  );
}
