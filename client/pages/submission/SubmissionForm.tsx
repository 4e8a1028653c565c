import { type ReactNode, useEffect, useState } from "react";
import type { SubmissionVersionView, SubmissionView, TeamView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { formatZonedDateTime, formatZonedTime } from "../../../shared/rules/timezones";
import { SubmissionSaveSchema } from "../../../shared/schemas/submission";
import { Field, FormError } from "../../components/Field";
import { ArrowLeftIcon, CheckIcon, LockIcon } from "../../components/Icons";
import { ProjectBody } from "../../components/ProjectLinks";
import { Notice } from "../../components/States";
import { useFormSubmit } from "../../hooks/useMutation";
import { type ApiError, api } from "../../lib/api";
import { Link } from "../../lib/router";
import {
  clearDraft,
  fieldsOf,
  readDraft,
  type SubmissionFields,
  sameFields,
  writeDraft,
} from "./submissionDraft";
import { TagInput } from "./TagInput";

export interface SubmissionWindow {
  /** Hacking is on: saves are accepted (if the team is checked in). */
  open: boolean;
  /** The deadline has passed: nothing more can be saved. */
  closed: boolean;
}

const URL_HINT = "Enter a full web address starting with https://";

/** Plain words for the server's refusals; null for the ones its own message explains. */
function refusal(error: ApiError): string | null {
  switch (error.slug) {
    case "not-checked-in":
      return "Your team hasn't been checked in yet, so the project can't be saved. Find an organizer at the help desk. Your work is kept on this device meanwhile.";
    case "submissions-not-open":
      return "Projects can be handed in once hacking starts. Your work is kept on this device until then.";
    case "network":
      return "We couldn't reach the server, so this wasn't saved. Your work is kept on this device: try again when you're connected.";
    default:
      return null;
  }
}

export function SubmissionForm({
  team,
  submission,
  versions,
  handIn,
  timeZone,
  countdown,
}: {
  team: TeamView;
  submission: SubmissionView | null;
  versions: SubmissionVersionView[];
  handIn: SubmissionWindow;
  timeZone: string | null;
  countdown: ReactNode;
}) {
  const [saved, setSaved] = useState(submission);
  const [history, setHistory] = useState(versions);
  // A draft that differs from what the server has is brought back, with a note.
  const [restored, setRestored] = useState(() => {
    const draft = readDraft(team.id);
    return draft && !sameFields(draft.fields, fieldsOf(submission)) ? draft : null;
  });
  const [fields, setFields] = useState<SubmissionFields>(
    () => restored?.fields ?? fieldsOf(submission),
  );
  const form = useFormSubmit({
    parse: () => SubmissionSaveSchema.safeParse(fields),
    fields: ["title", "summary", "repoUrl", "demoUrl", "videoUrl", "builtWith"],
    summarize: true,
    send: (body) => api.send("PUT /teams/me/submission", {}, body),
    onSuccess: ({ submission }) => accept(submission),
    onError: pastDeadline,
  });
  const { errors, formRef, busy: saving } = form;
  const formError = form.error ? (refusal(form.error) ?? form.error.detail) : form.formError;
  const [deadlinePassed, setDeadlinePassed] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  const closed = handIn.closed || deadlinePassed;
  const dirty = !sameFields(fields, fieldsOf(saved));

  // Keep what is typed in this browser until it is saved.
  useEffect(() => {
    if (closed) return;
    if (dirty) writeDraft(team.id, { fields, baseVersion: saved?.version ?? 0, at: Date.now() });
    else clearDraft(team.id);
  }, [fields, dirty, closed, saved, team.id]);

  const at = (iso: string) =>
    timeZone
      ? formatZonedTime(new Date(iso), timeZone)
      : new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const when = (iso: string) =>
    timeZone ? formatZonedDateTime(new Date(iso), timeZone) : new Date(iso).toLocaleString("en-GB");

  const set = <K extends keyof SubmissionFields>(key: K, value: SubmissionFields[K]) => {
    setJustSaved(false);
    setFields((f) => ({ ...f, [key]: value }));
  };

  const discardDraft = () => {
    clearDraft(team.id);
    setFields(fieldsOf(saved));
    setRestored(null);
    form.reset();
  };

  function accept(next: SubmissionView) {
    setSaved(next);
    setFields(fieldsOf(next));
    setRestored(null);
    setJustSaved(true);
    clearDraft(team.id);
    setHistory((list) => [
      {
        version: next.version,
        title: next.title,
        summary: next.summary,
        repoUrl: next.repoUrl,
        demoUrl: next.demoUrl,
        videoUrl: next.videoUrl,
        builtWith: next.builtWith,
        savedAt: next.updatedAt,
        withdrawnAt: null,
      },
      ...list.filter((v) => v.version !== next.version),
    ]);
  }

  /** Past the deadline the page says so itself, in place of the form. */
  function pastDeadline(error: ApiError) {
    if (error.slug !== "deadline-passed") return false;
    setDeadlinePassed(true);
    return true;
  }

  const saveState = saving
    ? "Saving…"
    : dirty
      ? "Unsaved changes"
      : saved
        ? `Saved ${at(saved.updatedAt)} (version ${saved.version})`
        : "Not handed in yet";

  return (
    <div className="page page-medium submission-page">
      <Link to="/team" className="back-link">
        <ArrowLeftIcon /> {team.name}
      </Link>
      <div className="submission-head">
        <h1>Your project</h1>
        {countdown && <div className="submission-clock">{countdown}</div>}
      </div>

      {closed ? (
        <Closed saved={saved} at={at} dirty={dirty} serverSaid={deadlinePassed} />
      ) : (
        <>
          {!handIn.open && (
            <Notice tone="info">
              <p>
                Projects can be handed in once hacking starts. You can write it now: it's kept on
                this device until you save.
              </p>
            </Notice>
          )}
          {!team.checkedIn && handIn.open && (
            <Notice tone="warning" title="Check in first">
              <p>
                Your team hasn't been checked in yet, so the project can't be saved. Find an
                organizer at the help desk. You can write it now: it's kept on this device.
              </p>
            </Notice>
          )}
          {restored && (
            <Notice tone="info" title="We brought back your unsaved changes">
              <p>
                These are changes you made on this device but didn't save. Save to hand them in, or
                throw them away.
              </p>
              <button type="button" className="btn btn-secondary btn-small" onClick={discardDraft}>
                Discard draft
              </button>
            </Notice>
          )}
          <form
            ref={formRef}
            className="card form submission-form"
            onSubmit={form.onSubmit}
            noValidate
          >
            <FormError message={formError} />
            <Field label="Project title" error={errors.title}>
              {(a) => (
                <input
                  {...a}
                  className="input"
                  value={fields.title}
                  maxLength={LIMITS.projectTitleMax}
                  onChange={(e) => set("title", e.target.value)}
                />
              )}
            </Field>
            <Field
              label="What does it do?"
              hint="Say what your project does, who it's for and how you made it. Line breaks are kept."
              error={errors.summary}
            >
              {(a) => (
                <>
                  <textarea
                    {...a}
                    className="input submission-summary-input"
                    rows={7}
                    value={fields.summary}
                    onChange={(e) => set("summary", e.target.value)}
                  />
                  <p
                    className={`submission-char-count${fields.summary.length > LIMITS.summaryMax ? " submission-char-count-over" : ""}`}
                  >
                    {fields.summary.length} of {LIMITS.summaryMax} characters
                  </p>
                </>
              )}
            </Field>
            {(
              [
                ["repoUrl", "Code (repository) link"],
                ["demoUrl", "Demo link"],
                ["videoUrl", "Video link"],
              ] as const
            ).map(([key, label]) => (
              <Field key={key} label={label} optional hint={URL_HINT} error={errors[key]}>
                {(a) => (
                  <input
                    {...a}
                    className="input"
                    type="url"
                    inputMode="url"
                    autoComplete="url"
                    autoCapitalize="none"
                    spellCheck={false}
                    placeholder="https://"
                    maxLength={LIMITS.urlMax}
                    value={fields[key]}
                    onChange={(e) => set(key, e.target.value)}
                  />
                )}
              </Field>
            ))}
            <Field
              label="Built with"
              optional
              hint="Languages, tools or kits you used, like Python or micro:bit. Press Enter after each."
              error={
                errors.builtWith ??
                Object.entries(errors).find(([k]) => k.startsWith("builtWith."))?.[1]
              }
            >
              {(a) => (
                <TagInput
                  id={a.id}
                  describedBy={a["aria-describedby"]}
                  invalid={a["aria-invalid"]}
                  tags={fields.builtWith}
                  onChange={(tags) => set("builtWith", tags)}
                />
              )}
            </Field>
            <div className="submission-actions">
              <button type="submit" className="btn btn-primary btn-large" disabled={saving}>
                {saving ? "Saving…" : saved ? "Save changes" : "Hand in project"}
              </button>
              <p
                className={`submission-save-state${dirty ? " submission-save-state-dirty" : ""}`}
                role="status"
              >
                {!dirty && saved && !saving && <CheckIcon />}
                {saveState}
                {justSaved && !dirty && (
                  <span className="visually-hidden">. The judges will see this version.</span>
                )}
              </p>
            </div>
            <p className="small muted">
              You can save as often as you like until the deadline. The judges see the last version
              you saved.
            </p>
          </form>
        </>
      )}

      <Versions versions={history} when={when} />
    </div>
  );
}

function Closed({
  saved,
  at,
  dirty,
  serverSaid,
}: {
  saved: SubmissionView | null;
  at: (iso: string) => string;
  dirty: boolean;
  serverSaid: boolean;
}) {
  return (
    <>
      <Notice tone="warning" title="Hand-ins are closed" live={serverSaid}>
        <p>
          {saved
            ? `The deadline has passed; your last saved version (v${saved.version}, saved ${at(saved.updatedAt)}) is what the judges see.`
            : "The deadline has passed, and your team didn't hand in a project."}
        </p>
        {dirty && saved && (
          <p>Changes you made after that weren't saved, so they can't be handed in now.</p>
        )}
      </Notice>
      {saved && <ProjectView submission={saved} />}
    </>
  );
}

/** The project as the judges see it: everything the team typed, shown as text. */
function ProjectView({ submission }: { submission: SubmissionView }) {
  return (
    <section className="card submission-project" aria-labelledby="saved-title">
      <p className="eyebrow">
        <LockIcon /> What the judges see
      </p>
      <h2 id="saved-title">{submission.title}</h2>
      <ProjectBody project={submission} />
    </section>
  );
}

function Versions({
  versions,
  when,
}: {
  versions: SubmissionVersionView[];
  when: (iso: string) => string;
}) {
  if (versions.length === 0) return null;
  // The newest version the organizers have not withdrawn is the one that counts.
  const counting = versions.find((v) => v.withdrawnAt === null)?.version;
  return (
    <section className="submission-versions" aria-labelledby="versions-title">
      <h2 id="versions-title">Saved versions</h2>
      <p className="small muted">
        Every save is kept. The newest is the one the judges see, unless the organizers took it out
        of judging.
      </p>
      <ol className="submission-version-list">
        {versions.map((v) => (
          <li key={v.version}>
            <span className="submission-version-number">v{v.version}</span>
            <span className="submission-version-body">
              <span className="submission-version-title">{v.title}</span>
              <span className="small muted">
                Saved {when(v.savedAt)}
                {v.version === counting && " · the judges see this one"}
                {v.withdrawnAt !== null && " · taken out of judging by the organizers"}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
