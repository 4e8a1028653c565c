/**
 * A teacher asks to join the event from its public page: who they are, a phone for the day,
 * their school and a password. They are signed in at once and wait on /teacher until an
 * organizer approves the request; until then they see nothing of any pupil.
 */
import { useId, useState } from "react";
import type { EventView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { TeacherRequestSchema } from "../../../shared/schemas/teacher";
import { zoneName } from "../../components/EventBits";
import { EventLoadFailed } from "../../components/EventLoadFailed";
import { EmailField, FormError, NewPasswordField, TextField } from "../../components/Field";
import { ArrowLeftIcon } from "../../components/Icons";
import { Loading, Notice } from "../../components/States";
import { useFormSubmit } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { useSession } from "../../hooks/useSession";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { dateTime } from "../../lib/format";
import { Link, navigate } from "../../lib/router";

const FIELDS = ["name", "email", "phone", "school", "password"] as const;

export function TeacherSignUpPage({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  const resource = useQuery(endpoint("/events/{slug}", { slug }));
  useTitle(
    resource.status === "ready"
      ? `Teachers: sign up for ${resource.data.event.name}`
      : "Teachers: sign up",
  );
  if (resource.status === "loading") return <Loading label="Loading the event…" />;
  if (resource.status === "error")
    return <EventLoadFailed error={resource.error} retry={resource.reload} />;
  const { event } = resource.data;
  return (
    <div className="page page-narrow">
      <Link to={`/events/${event.slug}`} className="back-link">
        <ArrowLeftIcon /> About the event
      </Link>
      <p className="eyebrow">{event.name}</p>
      <h1>Teachers: sign up</h1>
      {event.phase === "registration" ? (
        <>
          <p className="lead">
            Bringing pupils from your school? Ask to join as their teacher. An organizer checks each
            request. Once they approve it, you can follow your school's teams from your phone: who
            still needs a guardian's yes, check-in, and news for teachers.
          </p>
          <TeacherSignUpForm event={event} />
        </>
      ) : (
        <Notice tone="warning" title="Teachers can't sign up here now">
          <p>
            {event.phase === "upcoming"
              ? `Sign-up opens ${dateTime(event.registrationOpensAt, event.timezone)} (${zoneName(event.timezone)}).`
              : "Sign-up has closed. Ask the organizers to invite you."}{" "}
            Already have an account? <Link to="/signin">Sign in</Link>.
          </p>
        </Notice>
      )}
    </div>
  );
}

function TeacherSignUpForm({ event }: { event: EventView }) {
  const id = useId();
  const { user, setUser } = useSession();
  const schools = useQuery(endpoint("/events/{slug}/schools", { slug: event.slug }));
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string>>({
    name: "",
    email: "",
    phone: "",
    school: "",
    password: "",
  });
  const form = useFormSubmit({
    parse: () => TeacherRequestSchema.safeParse(values),
    fields: FIELDS,
    summarize: true,
    // The answer signs the teacher in.
    send: (request) =>
      api.send("POST /events/{slug}/teachers/requests", { slug: event.slug }, request),
    onSuccess: ({ user: signedIn }) => {
      setUser(signedIn);
      navigate("/teacher");
    },
  });
  const { errors, setErrors } = form;
  const set = (field: (typeof FIELDS)[number]) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _, ...rest }) => rest);
  };

  return (
    <form ref={form.formRef} className="card form" onSubmit={form.onSubmit} noValidate>
      {user && (
        <Notice tone="warning" title={`You're signed in as ${user.name}`}>
          <p>Asking to join as a teacher signs you in with the new account instead.</p>
        </Notice>
      )}
      <FormError message={form.formError} />
      <TextField
        label="Your name"
        error={errors.name}
        autoComplete="name"
        maxLength={LIMITS.nameMax}
        value={values.name}
        onValue={set("name")}
      />
      <EmailField
        hint="You sign in with it."
        error={errors.email}
        value={values.email}
        onValue={set("email")}
      />
      <TextField
        label="Phone"
        hint="Organizers call it on the day if they need you."
        error={errors.phone}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        maxLength={LIMITS.phoneMax}
        value={values.phone}
        onValue={set("phone")}
      />
      <TextField
        label="School"
        hint="Start typing: schools already signed up are suggested."
        error={errors.school}
        autoComplete="organization"
        list={`${id}-schools`}
        maxLength={LIMITS.schoolMax}
        value={values.school}
        onValue={set("school")}
      />
      <datalist id={`${id}-schools`}>
        {schools.status === "ready" &&
          schools.data.schools.map((s) => <option key={s.id} value={s.name} />)}
      </datalist>
      <NewPasswordField error={errors.password} value={values.password} onValue={set("password")} />
      <button type="submit" className="btn btn-primary btn-block btn-large" disabled={form.busy}>
        {form.busy ? "Sending…" : "Ask to join as a teacher"}
      </button>
      <p className="small muted form-footnote">
        Already have an account? <Link to="/signin">Sign in</Link>.
      </p>
    </form>
  );
}
