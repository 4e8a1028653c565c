import { useState } from "react";
import type { EventView } from "../../../shared/api";
import { CopyField } from "../../components/CopyField";
import { PhaseBadge } from "../../components/EventBits";
import { Notice } from "../../components/States";
import { useEventSocket } from "../../hooks/useEventSocket";
import { useTitle } from "../../hooks/useTitle";
import { api } from "../../lib/api";
import { dateTime, plural } from "../../lib/format";
import { Link } from "../../lib/router";
import { EventForm, valuesFromEvent } from "./EventForm";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";

export function EventDetailsSection({ event, setEvent }: SectionProps) {
  useTitle(`${event.name}: event`);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <>
      <SectionHead event={event.name} title="Event details">
        <PhaseBadge phase={event.phase} />
      </SectionHead>
      {saved && (
        <Notice tone="success" live>
          <p>{saved}</p>
        </Notice>
      )}
      <section className="card" aria-labelledby="public-link">
        <h2 id="public-link">Public page</h2>
        <p>
          Share this link with schools and families. It shows the times, categories and prizes, and
          no one's personal details.
        </p>
        <CopyField
          label="Link to the public page"
          value={`${window.location.origin}/events/${event.slug}`}
        />
        <p>
          <Link to={`/events/${event.slug}`}>Open the public page</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="edit-event">
        <h2 id="edit-event">Change the details</h2>
        <ClockMoved event={event} />
        <EventForm
          initial={valuesFromEvent(event)}
          mode="edit"
          submitLabel="Save changes"
          busyLabel="Saving…"
          onSubmit={async ({ slug: _slug, ...body }) => {
            setSaved(null);
            const { event: updated } = await api.send(
              "PATCH /events/{slug}",
              { slug: event.slug },
              body,
            );
            setEvent(() => updated);
            setSaved("Saved. The public page shows the new details.");
          }}
        />
      </section>
    </>
  );
}

/**
 * The times below are the plan; pauses and extensions on the clock move the real deadline
 * and end, and they carry over when a time here is changed. Say so, with the times that hold.
 */
function ClockMoved({ event }: { event: EventView }) {
  const { clock } = useEventSocket();
  if (!clock) return null;
  const moved = Date.parse(clock.submissionsCloseAt) - Date.parse(event.submissionsCloseAt);
  if (moved === 0) return null;
  const minutes = Math.round(Math.abs(moved) / 60_000);
  return (
    <Notice tone="info" title="The clock has moved the deadline">
      <p>
        With the pauses and extensions on the clock, projects are due at{" "}
        <strong>{dateTime(clock.submissionsCloseAt, event.timezone)}</strong> and the event ends at{" "}
        <strong>{dateTime(clock.endsAt, event.timezone)}</strong>: {plural(minutes, "minute")}{" "}
        {moved > 0 ? "later" : "earlier"} than the times below. If you change the times below, the
        clock keeps adding those {plural(minutes, "minute")}.
      </p>
    </Notice>
  );
}
