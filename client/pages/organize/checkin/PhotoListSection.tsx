import { EyeOffIcon, PrinterIcon } from "../../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../../components/States";
import { useSocketEvent } from "../../../hooks/useEventSocket";
import { useQuery } from "../../../hooks/useQuery";
import { useTitle } from "../../../hooks/useTitle";
import { endpoint } from "../../../lib/api";
import { plural } from "../../../lib/format";
import type { SectionProps } from "../EventLayout";
import { SectionHead } from "../SectionHead";
import "./photos.css";

export function PhotoListSection({ event }: SectionProps) {
  const list = useQuery(endpoint("/events/{slug}/photo-list", { slug: event.slug }));
  useTitle(`${event.name}: photo list`);
  // A guardian's answer changes a team's facts; the list is read again.
  useSocketEvent("teams:changed", list.reload);

  const entries =
    list.status === "ready"
      ? [...list.data.members].sort(
          (a, b) => a.teamName.localeCompare(b.teamName) || a.firstName.localeCompare(b.firstName),
        )
      : [];

  return (
    <div className="photolist">
      <SectionHead event={event.name} title="Photo list">
        <p>
          Children on this list must not appear in photos or videos. Their badges have a red band
          that says "No photos". This list changes by itself when a guardian answers.
        </p>
      </SectionHead>
      {list.status === "loading" && <Loading label="Loading the photo list…" />}
      {list.status === "error" && <ErrorState error={list.error} retry={list.reload} />}
      {list.status === "ready" &&
        (entries.length === 0 ? (
          <EmptyState title="Everyone may be photographed">
            <p>Every guardian has said yes to photos. A child appears here if one says no.</p>
          </EmptyState>
        ) : (
          <>
            <div className="photolist-head">
              <p className="photolist-count" aria-live="polite">
                {plural(entries.length, "child", "children")} must not be photographed.
              </p>
              <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
                <PrinterIcon /> Print the list
              </button>
            </div>
            <ul className="photolist-list">
              {entries.map((entry) => (
                <li key={entry.memberId} className="photolist-item">
                  <span className="photolist-band">
                    <EyeOffIcon /> No photos
                  </span>
                  <span className="photolist-name">{entry.firstName}</span>
                  <span className="photolist-team">
                    {entry.teamName}
                    {entry.tableNumber && ` · Table ${entry.tableNumber}`}
                  </span>
                  {entry.reason === "no-answer" && (
                    <span className="photolist-why">Guardian hasn't answered yet</span>
                  )}
                </li>
              ))}
            </ul>
          </>
        ))}
    </div>
  );
}
