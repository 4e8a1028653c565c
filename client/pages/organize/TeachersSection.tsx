/**
 * The schools' teachers: the organizer invites one adult per school with a link (and its QR
 * code, for a teacher standing at the desk), answers the requests of teachers who signed up from
 * the event page, and sees who has accepted. A teacher then follows their school's teams and
 * consent from their phone.
 */
import { type FormEvent, useId, useRef, useState } from "react";
import type { TeacherView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { TeacherInviteSchema } from "../../../shared/schemas/teacher";
import { FormError, TextField } from "../../components/Field";
import { CheckIcon, CloseIcon, HourglassIcon, UsersIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint, messageOf } from "../../lib/api";
import {
  type FieldErrors,
  focusFirstError,
  problemFieldErrors,
  zodFieldErrors,
} from "../../lib/forms";
import type { SectionProps } from "./EventLayout";
import { InviteLinkPanel } from "./InviteLinkPanel";
import { LinkAddress } from "./LinkAddress";
import { SectionHead } from "./SectionHead";

const bySchool = (a: TeacherView, b: TeacherView) =>
  a.school.localeCompare(b.school) || a.name.localeCompare(b.name);

export function TeachersSection({ event }: SectionProps) {
  useTitle(`${event.name}: teachers`);
  const teachers = useQuery(endpoint("/events/{slug}/teachers", { slug: event.slug }));
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  const [renewing, setRenewing] = useState<string | null>(null);
  const [renewError, setRenewError] = useState<{ id: string; message: string } | null>(null);
  // Another organizer's invite, or a teacher accepting theirs, shows at once.
  useSocketEvent("teachers:changed", () => teachers.reload());

  const renew = async (teacher: TeacherView) => {
    setRenewing(teacher.id);
    setRenewError(null);
    try {
      const { inviteUrl } = await api.send("POST /events/{slug}/teachers/{id}/invite", {
        slug: event.slug,
        id: teacher.id,
      });
      setLink({ name: teacher.name, url: inviteUrl });
    } catch (error) {
      setRenewError({ id: teacher.id, message: messageOf(error) });
    } finally {
      setRenewing(null);
    }
  };

  return (
    <>
      <SectionHead event={event.name} title="Teachers">
        <p>
          Invite one teacher for each school with a link. They open it on their phone, choose a
          password, and can then follow their school's teams, see whose consent is still missing and
          check the teams in. Teachers can also ask to join from the event page: approve them below.
        </p>
      </SectionHead>

      <LinkAddress what="Invite links and their QR codes" />

      {link && <InviteLinkPanel {...link} holder="teacher" onClose={() => setLink(null)} />}

      {teachers.status === "ready" && (
        <Requests
          slug={event.slug}
          pending={teachers.data.teachers.filter((t) => t.status === "pending")}
          onDecided={(teacher) =>
            teachers.setData((d) => ({
              teachers: d.teachers.map((t) => (t.id === teacher.id ? teacher : t)),
            }))
          }
          onStale={teachers.reload}
        />
      )}

      <TeacherInviteForm
        slug={event.slug}
        onInvited={(teacher, url) => {
          if (teachers.status === "ready")
            teachers.setData((d) => ({ teachers: [...d.teachers, teacher].sort(bySchool) }));
          else teachers.reload();
          setLink({ name: teacher.name, url });
        }}
      />

      <section aria-labelledby="teacher-list">
        <h2 id="teacher-list" className="section-title">
          Teachers
        </h2>
        {teachers.status === "loading" && <Loading label="Loading teachers…" />}
        {teachers.status === "error" && (
          <ErrorState error={teachers.error} retry={teachers.reload} />
        )}
        {teachers.status === "ready" &&
          (teachers.data.teachers.every((t) => t.status === "pending") ? (
            <EmptyState icon={<UsersIcon className="state-icon" />} title="No teachers yet">
              <p>Invite a school's teacher with the form above. You'll get a link to send them.</p>
            </EmptyState>
          ) : (
            <ul className="card-list">
              {teachers.data.teachers
                .filter((t) => t.status !== "pending")
                .map((teacher) => (
                  <li key={teacher.id} className="card org-judge-card">
                    <div className="card-head">
                      <div>
                        <h3>{teacher.name}</h3>
                        <p className="muted small">{teacher.email}</p>
                      </div>
                      {teacher.status === "declined" ? (
                        <span className="badge badge-bad">
                          <CloseIcon /> Turned down
                        </span>
                      ) : teacher.accepted ? (
                        <span className="badge badge-ok">
                          <CheckIcon /> Accepted
                        </span>
                      ) : (
                        <span className="badge badge-wait">
                          <HourglassIcon /> Waiting for them to accept
                        </span>
                      )}
                    </div>
                    <dl className="org-facts">
                      <div>
                        <dt>School</dt>
                        <dd>{teacher.school}</dd>
                      </div>
                      <div>
                        <dt>Phone</dt>
                        <dd>{teacher.phone ?? "No phone given"}</dd>
                      </div>
                    </dl>
                    {!teacher.accepted && teacher.status === "approved" && (
                      <div className="actions">
                        <button
                          type="button"
                          className="btn btn-secondary"
                          onClick={() => renew(teacher)}
                          disabled={renewing === teacher.id}
                          aria-label={`New invite link for ${teacher.name}`}
                        >
                          {renewing === teacher.id ? "Making a link…" : "New invite link"}
                        </button>
                        <span className="small muted">The old link will stop working.</span>
                      </div>
                    )}
                    {renewError?.id === teacher.id && (
                      <p className="field-error" role="alert">
                        {renewError.message}
                      </p>
                    )}
                  </li>
                ))}
            </ul>
          ))}
      </section>
    </>
  );
}

/**
 * Teachers who asked to join from the event page, waiting for an answer. Approved, they see
 * their school's teams; turned down, they cannot sign in. If another organizer answered first,
 * the list shows what they decided.
 */
function Requests({
  slug,
  pending,
  onDecided,
  onStale,
}: {
  slug: string;
  pending: TeacherView[];
  onDecided: (teacher: TeacherView) => void;
  onStale: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  // The request leaves the list once answered (or once another organizer's answer is seen):
  // what happened shows above the list, not beside a card that is gone.
  const [done, setDone] = useState<{ text: string; failed: boolean } | null>(null);
  const decide = async (teacher: TeacherView, decision: "approve" | "turn-down") => {
    setBusy(teacher.id);
    setDone(null);
    try {
      const answer = await api.send(
        "POST /events/{slug}/teachers/{id}/decision",
        { slug, id: teacher.id },
        { decision },
      );
      onDecided(answer.teacher);
      setDone({
        text:
          decision === "approve"
            ? `${teacher.name} is approved and can now see ${teacher.school}'s teams.`
            : `${teacher.name}'s request is turned down. They can no longer sign in.`,
        failed: false,
      });
    } catch (error) {
      setDone({ text: messageOf(error), failed: true });
      onStale();
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="teacher-requests">
      <h2 id="teacher-requests" className="section-title">
        Requests to join
      </h2>
      <p className={done?.failed ? "field-error" : "small"} role="status">
        {done?.text}
      </p>
      {pending.length === 0 ? (
        <p className="muted">
          No requests waiting. Teachers can ask to join from the event page while sign-up is open.
        </p>
      ) : (
        <ul className="card-list">
          {pending.map((teacher) => (
            <li key={teacher.id} className="card org-judge-card">
              <div className="card-head">
                <div>
                  <h3>{teacher.name}</h3>
                  <p className="muted small">{teacher.email}</p>
                </div>
                <span className="badge badge-wait">
                  <HourglassIcon /> Waiting for your answer
                </span>
              </div>
              <dl className="org-facts">
                <div>
                  <dt>School</dt>
                  <dd>{teacher.school}</dd>
                </div>
                <div>
                  <dt>Phone</dt>
                  <dd>{teacher.phone ?? "No phone given"}</dd>
                </div>
              </dl>
              <div className="actions">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy === teacher.id}
                  onClick={() => decide(teacher, "approve")}
                  aria-label={`Approve ${teacher.name}`}
                >
                  <CheckIcon /> Approve
                </button>
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={busy === teacher.id}
                  onClick={() => decide(teacher, "turn-down")}
                  aria-label={`Turn down ${teacher.name}`}
                >
                  <CloseIcon /> Turn down
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TeacherInviteForm({
  slug,
  onInvited,
}: {
  slug: string;
  onInvited: (teacher: TeacherView, inviteUrl: string) => void;
}) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const schools = useQuery(endpoint("/events/{slug}/schools", { slug }));
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [school, setSchool] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    const parsed = TeacherInviteSchema.safeParse({
      name,
      email,
      phone: phone.trim() || null,
      school,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirstError(formRef.current);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { teacher, inviteUrl } = await api.send(
        "POST /events/{slug}/teachers",
        { slug },
        parsed.data,
      );
      setName("");
      setEmail("");
      setPhone("");
      setSchool("");
      onInvited(teacher, inviteUrl);
    } catch (error) {
      setErrors(problemFieldErrors(error, ["name", "email", "phone", "school"]));
      setFormError(messageOf(error));
      focusFirstError(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card-form-wide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invite a teacher</h2>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <FormError message={formError} />
        <div className="field-row">
          <TextField
            label="Name"
            error={errors.name}
            className="grow"
            autoComplete="off"
            maxLength={LIMITS.nameMax}
            value={name}
            onValue={setName}
          />
          <TextField
            label="Email"
            error={errors.email}
            className="grow"
            type="email"
            inputMode="email"
            autoComplete="off"
            value={email}
            onValue={setEmail}
          />
        </div>
        <div className="field-row">
          <TextField
            label="School"
            hint="Pick a school that is already here, or type a new one."
            error={errors.school}
            className="grow"
            autoComplete="off"
            list={`${id}-schools`}
            maxLength={LIMITS.schoolMax}
            value={school}
            onValue={setSchool}
          />
          <TextField
            label="Phone"
            optional
            hint="Shown to organizers on the day, to reach the school's teacher."
            error={errors.phone}
            className="grow"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            maxLength={LIMITS.phoneMax}
            value={phone}
            onValue={setPhone}
          />
        </div>
        <datalist id={`${id}-schools`}>
          {schools.status === "ready" &&
            schools.data.schools.map((s) => <option key={s.id} value={s.name} />)}
        </datalist>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {busy ? "Inviting…" : "Invite teacher"}
          </button>
        </div>
      </form>
    </section>
  );
}
