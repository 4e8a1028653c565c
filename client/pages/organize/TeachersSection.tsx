/**
 * The schools' teachers: the organizer invites one adult per school with a link (and its QR
 * code, for a teacher standing at the desk), and sees who has accepted. A teacher then follows
 * their school's teams and consent from their phone.
 */
import { useId, useState } from "react";
import type { TeacherView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { TeacherInviteSchema } from "../../../shared/schemas/teacher";
import { FormError, TextField } from "../../components/Field";
import { UsersIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useFormSubmit } from "../../hooks/useMutation";
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
          check the teams in.
        </p>
      </SectionHead>

      <LinkAddress what="Invite links and their QR codes" />

      {link && <InviteLinkPanel {...link} holder="teacher" onClose={() => setLink(null)} />}

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
          Invited teachers
        </h2>
        {teachers.status === "loading" && <Loading label="Loading teachers…" />}
        {teachers.status === "error" && (
          <ErrorState error={teachers.error} retry={teachers.reload} />
        )}
        {teachers.status === "ready" &&
          (teachers.data.teachers.length === 0 ? (
            <EmptyState icon={<UsersIcon className="state-icon" />} title="No teachers yet">
              <p>Invite a school's teacher with the form above. You'll get a link to send them.</p>
            </EmptyState>
          ) : (
            <ul className="card-list">
              {teachers.data.teachers.map((teacher) => (
                <li key={teacher.id} className="card org-judge-card">
                  <InviteeCardHead person={teacher} />
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
                  {!teacher.accepted && (
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
