/** Backups during the event, and deleting the children's personal data after it. */
import { useState } from "react";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { DownloadIcon } from "../../components/Icons";
import { ErrorState, Loading, Notice } from "../../components/States";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { dateTime } from "../../lib/format";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export function BackupSection({ event }: SectionProps) {
  useTitle(`${event.name}: backup`);
  const events = useQuery(endpoint("/events"));
  const [purged, setPurged] = useState<{ members: number; teams: number } | null>(null);
  const summary =
    events.status === "ready" ? events.data.events.find((e) => e.slug === event.slug) : undefined;
  const tz = event.timezone;
  const finished = summary?.phase === "finished";
  const due = summary ? new Date(summary.purgeDueAt) : null;
  const overdue = due !== null && due.getTime() < Date.now() && !summary?.purgedAt;

  return (
    <>
      <SectionHead event={event.name} title="Backup and personal data">
        <p>
          Keep a copy of everything during the event, and delete children's personal data after it.
        </p>
      </SectionHead>

      <section className="card" aria-labelledby="backup-title">
        <h2 id="backup-title">Download a backup</h2>
        <p>
          One file with everything in the app: events, teams, projects, scores and results. Keep it
          somewhere safe: it holds children's personal data until you delete it below.
        </p>
        <a className="btn btn-primary" href="/api/export" download>
          <DownloadIcon />
          Download backup
        </a>
      </section>

      <section className="card" aria-labelledby="purge-title">
        <h2 id="purge-title">Delete personal data</h2>
        {events.status === "loading" && <Loading label="Checking the event…" />}
        {events.status === "error" && <ErrorState error={events.error} retry={events.reload} />}
        {summary?.purgedAt || purged ? (
          <Notice tone="success" title="Personal data deleted">
            <p>
              {purged
                ? `Deleted the personal details of ${count(purged.members, "participant")} in ${count(purged.teams, "team")}.`
                : `Deleted on ${dateTime(summary!.purgedAt!, tz)}.`}{" "}
              Team names, schools, projects, scores and results are kept.
            </p>
          </Notice>
        ) : (
          summary && (
            <>
              {overdue && (
                <Notice tone="warning" title="The retention period has passed">
                  <p>
                    Personal data was due to be deleted on {dateTime(summary!.purgeDueAt, tz)}.
                    Please delete it now.
                  </p>
                </Notice>
              )}
              <p>
                This deletes dates of birth, last names, guardians' contact details, dietary and
                medical notes, team sign-in emails and consent links. Team names, schools, projects,
                scores and results stay. It can't be undone, so download a backup first if you need
                one.
              </p>
              <p>
                Due by {summary ? dateTime(summary.purgeDueAt, tz) : "—"} (30 days after the event).
              </p>
              {finished ? (
                <ConfirmDelete
                  label="Delete personal data"
                  verb="Delete personal data"
                  question="Delete every participant's personal details for this event?"
                  onConfirm={async () => {
                    setPurged(await api.send("POST /events/{slug}/purge", { slug: event.slug }));
                  }}
                />
              ) : (
                <p className="muted">You can delete personal data once the event has finished.</p>
              )}
            </>
          )
        )}
      </section>
    </>
  );
}
