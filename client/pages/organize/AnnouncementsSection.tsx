/** News for the whole hall: posted here, shown at once on the display and every team's page. */
import { type FormEvent, useId, useRef, useState } from "react";
import type { Announcement } from "../../../shared/events";
import { LIMITS } from "../../../shared/limits";
import { announcedAt } from "../../components/AnnouncementList";
import { ConfirmDelete } from "../../components/ConfirmButton";
import { FormError } from "../../components/Field";
import { MegaphoneIcon, MonitorIcon } from "../../components/Icons";
import { EmptyState } from "../../components/States";
import { useEventSocket } from "../../hooks/useEventSocket";
import { useMutation } from "../../hooks/useMutation";
import { useTitle } from "../../hooks/useTitle";
import { api } from "../../lib/api";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";
import "./announcements.css";

export function AnnouncementsSection({ event }: SectionProps) {
  useTitle(`${event.name}: announcements`);
  const { announcements, acceptAnnouncement, forgetAnnouncement, status } = useEventSocket();

  const remove = async (a: Announcement) => {
    await api.send("DELETE /events/{slug}/announcements/{id}", { slug: event.slug, id: a.id });
    forgetAnnouncement(a.id);
  };

  return (
    <>
      <SectionHead event={event.name} title="Announcements">
        <p>
          Post news for everyone: it appears straight away on the projector display and on every
          team's page.
        </p>
      </SectionHead>
      <PostForm slug={event.slug} onPosted={acceptAnnouncement} />
      <p className="actions">
        <a className="btn btn-ghost" href={`/display/${event.slug}`} target="_blank" rel="noopener">
          <MonitorIcon /> Open the projector display
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
      <section aria-labelledby="posted">
        <h2 id="posted" className="section-title">
          Posted, newest first
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
    </>
  );
}

function PostForm({ slug, onPosted }: { slug: string; onPosted: (a: Announcement) => void }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [invalid, setInvalid] = useState<string>();
  const [posted, setPosted] = useState(false);
  const post = useMutation(
    (text: string) => api.send("POST /events/{slug}/announcements", { slug }, { text }),
    {
      onSuccess: ({ announcement }) => {
        onPosted(announcement);
        setText("");
        setPosted(true);
      },
    },
  );
  const busy = post.busy;
  const error = invalid ?? post.message;
  const length = text.trim().length;
  const over = length > LIMITS.announcementMax;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPosted(false);
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
            setPosted(false);
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
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          <MegaphoneIcon /> {busy ? "Posting…" : "Post announcement"}
        </button>
        <p className="small" role="status">
          {posted && "Posted. It's on the display now."}
        </p>
      </div>
    </form>
  );
}
