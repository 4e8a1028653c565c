/**
 * The schools' teachers: the organizer invites one adult per school with a link (and its QR
 * code, for a teacher standing at the desk), answers the requests of teachers who signed up from
 * the event page, and sees who has accepted. A teacher then follows their school's teams and
 * consent from their phone.
 */
import { useId, useState } from "react";
import type { TeacherView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { TeacherInviteSchema } from "../../../shared/schemas/teacher";
import { FormError, TextField } from "../../components/Field";
import { CheckIcon, CloseIcon, HourglassIcon, UsersIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useFormSubmit, useMutation } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import type { SectionProps } from "./EventLayout";
import { FormActions, FormFrame } from "./FormFrame";
import { InviteeCardHead, NameEmailRow, NewInviteLink } from "./Invitees";
import { InviteLinkPanel } from "./InviteLinkPanel";
import { LinkAddress } from "./LinkAddress";
import { SectionHead } from "./SectionHead";

const bySchool = (a: TeacherView, b: TeacherView) =>
  a.school.localeCompare(b.school) || a.name.localeCompare(b.name);

export function TeachersSection({ event }: SectionProps) {
  useTitle(`${event.name}: teachers`);
  const teachers = useQuery(endpoint("/events/{slug}/teachers", { slug: event.slug }));
  const [link, setLink] = useState<{ name: string; url: string } | null>(null);
  // Another organizer's invite, or a teacher accepting theirs, shows at once.
  useSocketEvent("teachers:changed", () => teachers.reload());

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
                    <InviteeCardHead
                      person={teacher}
                      badge={
                        teacher.status === "declined" ? (
                          <span className="badge badge-bad">
                            <CloseIcon /> Turned down
                          </span>
                        ) : undefined
                      }
                    />
                    <TeacherFacts teacher={teacher} />
                    {!teacher.accepted && teacher.status === "approved" && (
                      <NewInviteLink
                        slug={event.slug}
                        holder="teacher"
                        person={teacher}
                        onLink={(url) => setLink({ name: teacher.name, url })}
                      />
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
  // The request leaves the list once answered (or once another organizer's answer is seen):
  // what happened shows above the list, not beside a card that is gone.
  const [done, setDone] = useState<{ text: string; failed: boolean } | null>(null);
  const answer = useMutation(
    ({ teacher, decision }: { teacher: TeacherView; decision: "approve" | "turn-down" }) =>
      api.send(
        "POST /events/{slug}/teachers/{id}/decision",
        { slug, id: teacher.id },
        { decision },
      ),
    {
      onSuccess: (answered, { teacher, decision }) => {
        onDecided(answered.teacher);
        setDone({
          text:
            decision === "approve"
              ? `${teacher.name} is approved and can now see ${teacher.school}'s teams.`
              : `${teacher.name}'s request is turned down. They can no longer sign in.`,
          failed: false,
        });
      },
      onError: (error) => {
        setDone({ text: error.detail, failed: true });
        onStale();
        return true;
      },
    },
  );
  const decide = (teacher: TeacherView, decision: "approve" | "turn-down") => {
    setDone(null);
    void answer.run({ teacher, decision });
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
              <TeacherFacts teacher={teacher} />
              <div className="actions">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={answer.busy}
                  onClick={() => decide(teacher, "approve")}
                  aria-label={`Approve ${teacher.name}`}
                >
                  <CheckIcon /> Approve
                </button>
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={answer.busy}
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
  const schools = useQuery(endpoint("/events/{slug}/schools", { slug }));
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [school, setSchool] = useState("");
  const form = useFormSubmit({
    parse: () =>
      TeacherInviteSchema.safeParse({ name, email, phone: phone.trim() || null, school }),
    fields: ["name", "email", "phone", "school"],
    send: (body) => api.send("POST /events/{slug}/teachers", { slug }, body),
    onSuccess: ({ teacher, inviteUrl }) => {
      setName("");
      setEmail("");
      setPhone("");
      setSchool("");
      onInvited(teacher, inviteUrl);
    },
  });
  const { errors } = form;

  return (
    <FormFrame editing={false} title="Invite a teacher">
      <form ref={form.formRef} className="form" onSubmit={form.onSubmit} noValidate>
        <FormError message={form.formError} />
        <NameEmailRow
          name={name}
          email={email}
          errors={errors}
          onName={setName}
          onEmail={setEmail}
        />
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
        <FormActions busy={form.busy} label="Invite teacher" busyLabel="Inviting…" />
      </form>
    </FormFrame>
  );
}

/** A teacher's school and phone, as a request and an invitee card both show them. */
function TeacherFacts({ teacher }: { teacher: { school: string; phone: string | null } }) {
  return (
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
  );
}
