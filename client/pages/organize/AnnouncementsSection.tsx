/**
 * News posted here: for the whole hall (shown at once on the display and every team's page), or
 * for the schools' teachers alone (shown on their page, never on the display).
 */
import { type FormEvent, useId, useRef, useState } from "react";
import type { Announcement, PostedAnnouncement } from "../../../shared/events";
import { LIMITS } from "../../../shared/limits";
import type { AnnouncementAudience } from "../../../shared/schemas/event";
import { announcedAt } from "../../components/AnnouncementList";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { FormError } from "../../components/Field";
import { MegaphoneIcon, MonitorIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useEventSocket, useSocketEvent } from "../../hooks/useEventSocket";
import { useMutation } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";
import "../../styles/choices.css";
import "./announcements.css";

export function AnnouncementsSection({ event }: SectionProps) {
  useTitle(`${event.name}: announcements`);
  const { announcements, acceptAnnouncement, forgetAnnouncement, status } = useEventSocket();
  const forTeachers = useQuery(
    endpoint("/events/{slug}/announcements/teachers", { slug: event.slug }),
  );
  // Another organizer's post or removal, and this one's, arrive over the socket.
  useSocketEvent("teachers:announcement", () => forTeachers.reload());
  useSocketEvent("teachers:announcement:removed", () => forTeachers.reload());

  const remove = async (a: Announcement) => {
    await api.send("DELETE /events/{slug}/announcements/{id}", { slug: event.slug, id: a.id });
    forgetAnnouncement(a.id);
  };
  const removeForTeachers = async (a: Announcement) => {
    await api.send("DELETE /events/{slug}/announcements/{id}", { slug: event.slug, id: a.id });
    forTeachers.reload();
  };
  const posted = ({ audience, ...announcement }: PostedAnnouncement) => {
    if (audience === "everyone") acceptAnnouncement(announcement);
    else forTeachers.reload();
  };

  return (
    <>
      <SectionHead event={event.name} title="Announcements">
        <p>
          Post news for everyone: it appears straight away on the projector display and on every
          team's page. Or post it for teachers only: it shows on the teachers' page and nowhere
          else.
        </p>
      </SectionHead>
      <PostForm slug={event.slug} onPosted={posted} />
      <p className="actions">
        <a className="btn btn-ghost" href={`/display/${event.slug}`} target="_blank" rel="noopener">
          <MonitorIcon /> Open the projector display
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
      <section aria-labelledby="posted">
        <h2 id="posted" className="section-title">
          For everyone, newest first
        </h2>
        {announcements.length === 0 ? (
          <EmptyState icon={<MegaphoneIcon className="state-icon" />} title="Nothing posted yet">
            <p>
              {status === "connected"
                ? "Write your first announcement above, like where lunch is or when demos start."
                : "Connecting to the event… announcements will show here."}
            </p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {announcements.map((a) => (
              <li key={a.id} className="card announce-item">
                <time dateTime={a.at} className="announce-item-time">
                  {announcedAt(a.at, event.timezone)}
                </time>
                <p className="announce-item-text">{a.text}</p>
                <ConfirmDelete
                  verb="Remove"
                  label={`Remove the announcement “${a.text.slice(0, 40)}”`}
                  question="Remove this announcement from the display and the teams' pages?"
                  onConfirm={() => remove(a)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="posted-teachers">
        <h2 id="posted-teachers" className="section-title">
          For teachers only, newest first
        </h2>
        {forTeachers.status === "loading" ? (
          <Loading label="Loading the teachers' announcements…" />
        ) : forTeachers.status === "error" ? (
          <ErrorState error={forTeachers.error} retry={forTeachers.reload} />
        ) : forTeachers.data.announcements.length === 0 ? (
          <EmptyState
            icon={<MegaphoneIcon className="state-icon" />}
            title="Nothing posted for teachers yet"
          >
            <p>Choose "Teachers only" above to send news to every school's teacher.</p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {forTeachers.data.announcements.map((a) => (
              <li key={a.id} className="card announce-item">
                <time dateTime={a.at} className="announce-item-time">
                  {announcedAt(a.at, event.timezone)} · teachers only
                </time>
                <p className="announce-item-text">{a.text}</p>
                <ConfirmDelete
                  verb="Remove"
                  label={`Remove the teachers' announcement “${a.text.slice(0, 40)}”`}
                  question="Remove this announcement from the teachers' page?"
                  onConfirm={() => removeForTeachers(a)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const AUDIENCES: { value: AnnouncementAudience; title: string; text: string }[] = [
  {
    value: "everyone",
    title: "Everyone",
    text: "The projector display, the event page and every team's page.",
  },
  {
    value: "teachers",
    title: "Teachers only",
    text: "Only the schools' teachers see it, on their page. Never on the display.",
  },
];

function PostForm({ slug, onPosted }: { slug: string; onPosted: (a: PostedAnnouncement) => void }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [audience, setAudience] = useState<AnnouncementAudience>("everyone");
  const [invalid, setInvalid] = useState<string>();
  const [posted, setPosted] = useState<AnnouncementAudience | null>(null);
  const post = useMutation(
    (text: string) => api.send("POST /events/{slug}/announcements", { slug }, { text, audience }),
    {
      onSuccess: ({ announcement }) => {
        onPosted(announcement);
        setText("");
        setPosted(announcement.audience);
      },
    },
  );
  const busy = post.busy;
  const error = invalid ?? post.message;
  const length = text.trim().length;
  const over = length > LIMITS.announcementMax;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPosted(null);
    post.reset();
    if (length === 0) {
      setInvalid("Write something to announce.");
      ref.current?.focus();
      return;
    }
    if (over) {
      setInvalid(`Keep it to ${LIMITS.announcementMax} characters so it fits on the display.`);
      ref.current?.focus();
      return;
    }
    setInvalid(undefined);
    await post.run(text.trim());
  };

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <FormError message={error} />
      <div className={`field${error ? " field-invalid" : ""}`}>
        <label className="label" htmlFor={`${id}-text`}>
          New announcement
        </label>
        <textarea
          ref={ref}
          id={`${id}-text`}
          className="input announce-text"
          rows={3}
          value={text}
          aria-invalid={Boolean(error) || over}
          aria-describedby={`${id}-hint ${id}-count`}
          onChange={(e) => {
            setText(e.target.value);
            setPosted(null);
          }}
        />
        <p id={`${id}-hint`} className="hint">
          Short messages read best on the big screen: about 100 characters shows in large type.
        </p>
        <p
          id={`${id}-count`}
          className={`small announce-char-count${over ? " announce-char-count-over" : ""}`}
        >
          {length} of {LIMITS.announcementMax} characters
          {over && ` — ${length - LIMITS.announcementMax} too many`}
        </p>
      </div>
      <fieldset className="field announce-audience">
        <legend className="label">Who is it for?</legend>
        <ul className="choice-cards">
          {AUDIENCES.map((a) => (
            <li key={a.value}>
              <label className={`choice-card${a.value === audience ? " is-chosen" : ""}`}>
                <input
                  type="radio"
                  name={`${id}-audience`}
                  value={a.value}
                  checked={a.value === audience}
                  onChange={() => {
                    setAudience(a.value);
                    setPosted(null);
                  }}
                />
                <span className="choice-card-body">
                  <span className="choice-card-title">{a.title}</span>
                  <span className="choice-card-text">{a.text}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          <MegaphoneIcon />{" "}
          {busy ? "Posting…" : audience === "teachers" ? "Post to teachers" : "Post announcement"}
        </button>
        <p className="small" role="status">
          {posted === "everyone" && "Posted. It's on the display now."}
          {posted === "teachers" && "Posted. Every teacher sees it on their page now."}
        </p>
      </div>
    </form>
  );
}
