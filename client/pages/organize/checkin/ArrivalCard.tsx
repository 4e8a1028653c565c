/**
 * A scanned or chosen team at the door: each member's consent and photo answer and whether
 * they are in, one big "Check in" button for the members ticked, or the reason they can't.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { CheckInMemberView, CheckInTeamView } from "../../../../shared/api";
import { LIMITS } from "../../../../shared/limits";
import { AlertIcon, CheckIcon, EyeOffIcon, HourglassIcon } from "../../../components/Icons";
import { useMutation } from "../../../hooks/useMutation";
import { api } from "../../../lib/api";

/** "09:12" at the venue, whatever the phone's own time zone. */
const timeAt = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });

const canArrive = (m: CheckInMemberView) => m.consent === "given" && m.inSince === null;

function firstChoice(team: CheckInTeamView, memberId: string | null): string[] {
  const ready = team.members.filter(canArrive).map((m) => m.id);
  return memberId ? ready.filter((id) => id === memberId) : ready;
}

const CONSENT_WORDS = {
  given: "Guardian said yes",
  awaiting: "No answer from the guardian yet",
  refused: "Guardian said no",
} as const;

export function ArrivalCard({
  slug,
  timeZone,
  team,
  memberId,
  via,
  onChanged,
  onDone,
}: {
  slug: string;
  timeZone: string;
  team: CheckInTeamView;
  memberId: string | null;
  via: "scan" | "typed";
  onChanged: (team: CheckInTeamView) => void;
  onDone: () => void;
}) {
  const timeOf = (iso: string) => timeAt(iso, timeZone);
  const [chosen, setChosen] = useState<string[]>(() => firstChoice(team, memberId));
  const [done, setDone] = useState<string | null>(null);
  const scanned = memberId ? team.members.find((m) => m.id === memberId) : undefined;
  const named = memberId ? team.members.filter((m) => m.id === memberId) : team.members;
  const allIn = named.length > 0 && named.every((m) => m.inSince !== null);
  const inside = team.members.filter((m) => m.inSince !== null);
  const title = useRef<HTMLHeadingElement>(null);
  // The answer to a scan appears where the eye goes next: on a phone, below the camera.
  useEffect(() => title.current?.focus(), []);

  const move = useMutation(
    ({ path, ids }: { path: "check-in" | "check-out"; ids: string[] }) =>
      path === "check-in"
        ? api.send(
            "POST /events/{slug}/check-in/members",
            { slug },
            { teamId: team.id, memberIds: ids, via },
          )
        : api.send(
            "POST /events/{slug}/check-out/members",
            { slug },
            { teamId: team.id, memberIds: ids },
          ),
    {
      onSuccess: ({ team: updated }, { path, ids }) => {
        onChanged(updated);
        const names = updated.members.filter((m) => ids.includes(m.id)).map((m) => m.firstName);
        setDone(
          path === "check-in"
            ? `${names.join(", ")} checked in.${updated.checkedInAt ? " The whole team is in." : ""}`
            : `${names.join(", ")} checked out.`,
        );
        setChosen([]);
      },
    },
  );
  const busy = move.busy;
  const answer = move.message
    ? { ok: false, text: move.message }
    : done
      ? { ok: true, text: done }
      : null;
  const send = (path: "check-in" | "check-out", ids: string[]) => {
    setDone(null);
    return move.run({ path, ids });
  };

  const toggle = (id: string) =>
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    <article className="card checkin-card" aria-labelledby="checkin-team-name">
      <p className="eyebrow">{team.categoryName}</p>
      <h2 id="checkin-team-name" className="checkin-card-title" ref={title} tabIndex={-1}>
        {team.name}
      </h2>
      {scanned && <p className="checkin-card-who">Badge of {scanned.firstName}</p>}
      {allIn && (
        <p className="checkin-already" role="status">
          <CheckIcon />{" "}
          {scanned
            ? `${scanned.firstName} is already checked in (since ${timeOf(scanned.inSince!)}).`
            : "Everyone in this team is already checked in."}
        </p>
      )}
      <fieldset className="checkin-members">
        <legend>Who is here?</legend>
        {team.members.map((m) => (
          <label
            key={m.id}
            className={`checkin-member${m.id === memberId ? " checkin-member-scanned" : ""}`}
          >
            <input
              type="checkbox"
              checked={chosen.includes(m.id)}
              disabled={!canArrive(m) || busy}
              onChange={() => toggle(m.id)}
            />
            <span className="checkin-member-text">
              <span className="checkin-member-name">{m.firstName}</span>
              <span className={m.consent === "given" ? "checkin-ok" : "checkin-bad"}>
                {m.consent === "given" ? <CheckIcon /> : <AlertIcon />} {CONSENT_WORDS[m.consent]}
              </span>
              <span className={m.photoConsent ? "checkin-ok" : "checkin-nophoto"}>
                {m.photoConsent ? (
                  <>
                    <CheckIcon /> Photos allowed
                  </>
                ) : (
                  <>
                    <EyeOffIcon /> No photos
                  </>
                )}
              </span>
              <span className="checkin-member-where">
                {m.inSince
                  ? `In since ${timeOf(m.inSince)}`
                  : m.leftAt
                    ? `Went home at ${timeOf(m.leftAt)}`
                    : "Not here yet"}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="checkin-actions">
        <button
          type="button"
          className="btn btn-primary btn-large checkin-go"
          disabled={busy || chosen.length === 0}
          onClick={() => send("check-in", chosen)}
        >
          <CheckIcon />{" "}
          {busy ? "Checking in…" : chosen.length ? `Check in (${chosen.length})` : "Check in"}
        </button>
        {answer && (
          <p
            className={answer.ok ? "checkin-answer-ok" : "checkin-answer-bad"}
            role={answer.ok ? "status" : "alert"}
          >
            {answer.ok ? <CheckIcon /> : <HourglassIcon />} {answer.text}
          </p>
        )}
        {!answer && chosen.length === 0 && !allIn && (
          <p className="hint">
            {team.members.some((m) => m.consent !== "given")
              ? "Members without a guardian's yes can't check in. Record paper consent on the Teams page."
              : "Tick who is here."}
          </p>
        )}
      </div>
      <div className="checkin-more">
        {inside.length > 0 && (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy}
            onClick={() =>
              send(
                "check-out",
                inside.map((m) => m.id),
              )
            }
          >
            Check out {inside.length === team.members.length ? "the whole team" : plural(inside)}{" "}
            for today
          </button>
        )}
        <TableForm slug={slug} team={team} onChanged={onChanged} />
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Done: scan the next code
        </button>
      </div>
    </article>
  );
}

const plural = (members: CheckInMemberView[]) => members.map((m) => m.firstName).join(", ");

function TableForm({
  slug,
  team,
  onChanged,
}: {
  slug: string;
  team: CheckInTeamView;
  onChanged: (team: CheckInTeamView) => void;
}) {
  const [value, setValue] = useState(team.tableNumber ?? "");
  const [saved, setSaved] = useState(false);
  const id = useId();
  const table = useMutation(
    (tableNumber: string | null) =>
      api.send("PUT /events/{slug}/teams/{id}/table", { slug, id: team.id }, { tableNumber }),
    {
      onSuccess: ({ team: updated }) => {
        onChanged(updated);
        setSaved(true);
      },
    },
  );
  const problem = table.message;
  function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    void table.run(value.trim() || null);
  }
  return (
    <form className="checkin-table" onSubmit={save}>
      <label htmlFor={id} className="field-label">
        Table (printed on badges)
      </label>
      <div className="checkin-table-row">
        <input
          id={id}
          className="input"
          value={value}
          maxLength={LIMITS.tableNumberMax}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(false);
          }}
        />
        <button type="submit" className="btn btn-secondary">
          Save
        </button>
      </div>
      {saved && <p className="checkin-answer-ok">Saved.</p>}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
