/**
 * Sign a team up (phone first). The rules are shown before they bite: the category says
 * whether members must share a school, and each date of birth is checked against the age
 * limit as it is chosen, with the same shared rules the server enforces.
 */
import { type FormEvent, useId, useMemo, useState } from "react";
import type { EventView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { TeamCreateSchema } from "../../../shared/schemas/team";
import { SchoolRule, zoneName } from "../../components/EventBits";
import { EventLoadFailed } from "../../components/EventLoadFailed";
import { Field, FormError, NewPasswordField } from "../../components/Field";
import { ArrowLeftIcon, CalendarIcon, PinIcon, PlusIcon, UsersIcon } from "../../components/Icons";
import { MemberFields } from "../../components/MemberFields";
import { Loading, Notice } from "../../components/States";
import { useFormSubmit } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { useSession } from "../../hooks/useSession";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { setFlash } from "../../lib/flash";
import { dateRange, dateTime, plural } from "../../lib/format";
import { type FieldErrors, withChecks } from "../../lib/forms";
import {
  birthYears,
  emptyMember,
  liveProblems,
  type MemberDraft,
  memberInput,
  rulesFor,
} from "../../lib/members";
import { rememberEventSlug } from "../../lib/myEvent";
import { Link, navigate } from "../../lib/router";
import "../../styles/choices.css";
import "./register.css";

export function RegisterPage({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  const resource = useQuery(endpoint("/events/{slug}", { slug }));
  useTitle(resource.status === "ready" ? `Sign up for ${resource.data.event.name}` : "Sign up");

  if (resource.status === "loading") return <Loading label="Loading the event…" />;
  if (resource.status === "error")
    return <EventLoadFailed error={resource.error} retry={resource.reload} />;

  const { event } = resource.data;
  return (
    <div className="page page-medium register">
      <Link to={`/events/${event.slug}`} className="back-link">
        <ArrowLeftIcon /> About the event
      </Link>
      <p className="eyebrow">{event.name}</p>
      <h1>Sign up a team</h1>
      <p className="event-facts register-facts">
        <span>
          <CalendarIcon /> {dateRange(event.startsAt, event.endsAt, event.timezone)}
        </span>
        <span>
          <PinIcon /> {event.venue}
        </span>
      </p>
      {event.phase === "registration" ? (
        <>
          <ul className="register-rules">
            <li>Everyone must be {event.maxAge} or younger on the first day.</li>
            <li>A team has 1 to {plural(event.maxTeamSize, "member")}.</li>
            <li>
              Each member's parent or guardian says yes before the event, with a link we send to
              them.
            </li>
            <li>
              Sign-up closes {dateTime(event.registrationClosesAt, event.timezone)} (
              {zoneName(event.timezone)}).
            </li>
          </ul>
          <RegisterForm event={event} />
        </>
      ) : (
        <RegistrationShut event={event} />
      )}
    </div>
  );
}

function RegistrationShut({ event }: { event: EventView }) {
  const zone = zoneName(event.timezone);
  return event.phase === "upcoming" ? (
    <Notice title="Sign-up hasn't opened yet">
      <p>
        You can sign up a team from {dateTime(event.registrationOpensAt, event.timezone)} ({zone})
        until {dateTime(event.registrationClosesAt, event.timezone)}.
      </p>
    </Notice>
  ) : (
    <Notice tone="warning" title="Sign-up has closed">
      <p>
        Sign-up closed on {dateTime(event.registrationClosesAt, event.timezone)} ({zone}). If your
        team already signed up, <Link to="/signin">sign in</Link> to see it.
      </p>
    </Notice>
  );
}

/** Which API paths a change to a draft's field makes out of date. */
const PATH_OF: Record<string, string> = {
  firstName: "firstName",
  lastName: "lastName",
  day: "dateOfBirth",
  month: "dateOfBirth",
  year: "dateOfBirth",
  school: "school",
  guardianName: "guardian.name",
  guardianEmail: "guardian.email",
  guardianPhone: "guardian.phone",
  dietary: "dietary",
  medical: "medical",
};

const KNOWN_FIELDS = ["name", "categoryId", "contact", "members"];

function RegisterForm({ event }: { event: EventView }) {
  const { user, setUser } = useSession();
  const schoolsId = useId();
  const schools = useQuery(endpoint("/events/{slug}/schools", { slug: event.slug }));
  const [name, setName] = useState("");
  const [categoryId, setCategoryId] = useState(() =>
    event.categories.length === 1 ? (event.categories[0]?.id ?? "") : "",
  );
  const [members, setMembers] = useState<MemberDraft[]>(() => [emptyMember()]);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  /** Members whose school field was left: a half-typed school is not yet a mixed school. */
  const [schoolsLeft, setSchoolsLeft] = useState<Set<number>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const category = event.categories.find((c) => c.id === categoryId);
  const rules = rulesFor(event, category?.singleSchool ?? false);
  const years = useMemo(() => birthYears(event), [event]);
  const form = useFormSubmit({
    parse: () => {
      const parsed = TeamCreateSchema.safeParse({
        name,
        categoryId,
        contact: { email, password },
        members: members.map(memberInput),
      });
      const found: FieldErrors = categoryId ? {} : { categoryId: "Choose a category." };
      return withChecks(parsed, {
        ...found,
        ...liveProblems(members, rules, { contactEmail: email }),
      });
    },
    fields: KNOWN_FIELDS,
    summarize: true,
    send: async (team) => {
      await api.send("POST /events/{slug}/teams", { slug: event.slug }, team);
      // The answer set the team's sign-in cookie: pick up who we are now.
      return (await api.get(endpoint("/session"))).user;
    },
    onSuccess: (user, team) => {
      rememberEventSlug(user.id, event.slug);
      setFlash(
        `${team.name} is signed up! Next, each member's parent or guardian needs to say yes: each of them gets their own link.`,
      );
      setUser(user);
      navigate("/team");
    },
  });
  const { busy, formRef, errors: sentErrors, setErrors: setSentErrors } = form;

  // The shared rules, live. School clashes show once that school field has been left.
  const live = liveProblems(members, rules, { contactEmail: email });
  const shown: FieldErrors = {};
  for (const [path, message] of Object.entries(live)) {
    const school = /^members\.(\d+)\.school$/.exec(path);
    const key = school ? members[Number(school[1])]?.key : undefined;
    if (!school || submitted || (key !== undefined && schoolsLeft.has(key))) shown[path] = message;
  }
  const errors: FieldErrors = { ...sentErrors, ...shown };

  const forget = (...paths: string[]) =>
    setSentErrors((e) => {
      const next = { ...e };
      for (const p of paths) delete next[p];
      return next;
    });

  const changeMember = (index: number, patch: Partial<MemberDraft>) => {
    setMembers((list) => list.map((m, i) => (i === index ? { ...m, ...patch } : m)));
    forget(...Object.keys(patch).map((f) => `members.${index}.${PATH_OF[f] ?? f}`), "members");
  };

  const removeMember = (index: number) => {
    setMembers((list) => list.filter((_, i) => i !== index));
    // Paths are by position, so messages from the server no longer match their fields.
    setSentErrors((e) =>
      Object.fromEntries(Object.entries(e).filter(([p]) => !p.startsWith("members"))),
    );
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>(".register-add-button")?.focus(),
    );
  };

  const addMember = () => {
    setMembers((list) => [...list, emptyMember()]);
    forget("members");
    // Take the person straight to the new member's first field.
    requestAnimationFrame(() => {
      const blocks = formRef.current?.querySelectorAll<HTMLElement>(".member");
      blocks?.[blocks.length - 1]?.querySelector<HTMLInputElement>("input")?.focus();
    });
  };

  const submit = (e: FormEvent) => {
    // From now on a school clash shows even in a school field not yet left.
    setSubmitted(true);
    void form.onSubmit(e);
  };

  const full = members.length >= event.maxTeamSize;

  return (
    <form ref={formRef} className="form register-form" onSubmit={submit} noValidate>
      {user && (
        <Notice tone="warning" title={`You're signed in as ${user.name}`}>
          <p>
            Signing up a new team signs you in as that team instead.
            {user.role === "team" && (
              <>
                {" "}
                To change your own team, go to <Link to="/team">your team's page</Link>.
              </>
            )}
          </p>
        </Notice>
      )}
      <FormError message={form.formError} />

      <section className="card register-step" aria-labelledby="step-team">
        <h2 id="step-team">Your team</h2>
        <Field
          label="Team name"
          hint="Other teams, judges and the big screen will see it."
          error={errors.name}
        >
          {(a) => (
            <input
              {...a}
              className="input"
              autoComplete="off"
              maxLength={LIMITS.teamNameMax}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                forget("name");
              }}
            />
          )}
        </Field>

        <fieldset
          className="fieldset register-categories"
          aria-describedby={errors.categoryId ? "category-error" : undefined}
        >
          <legend>Category</legend>
          {event.categories.length === 0 ? (
            <Notice tone="warning">
              <p>
                The organizers haven't added any categories yet, so teams can't sign up. Check back
                soon.
              </p>
            </Notice>
          ) : (
            <ul className="choice-cards">
              {event.categories.map((c) => (
                <li key={c.id}>
                  <label className={`choice-card${c.id === categoryId ? " is-chosen" : ""}`}>
                    <input
                      type="radio"
                      name="category"
                      value={c.id}
                      checked={c.id === categoryId}
                      aria-invalid={Boolean(errors.categoryId)}
                      onChange={() => {
                        setCategoryId(c.id);
                        forget("categoryId");
                      }}
                    />
                    <span className="choice-card-body">
                      <span className="choice-card-title">{c.name}</span>
                      {c.description && <span className="choice-card-text">{c.description}</span>}
                      <SchoolRule singleSchool={c.singleSchool} />
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {errors.categoryId && (
            <p className="field-error" id="category-error">
              {errors.categoryId}
            </p>
          )}
        </fieldset>
      </section>

      <section className="register-step" aria-labelledby="step-members">
        <h2 id="step-members">
          Members{" "}
          <span className="register-count">
            ({plural(members.length, "member")} of up to {event.maxTeamSize})
          </span>
        </h2>
        <p className="muted">
          Ages are counted on the first day of the event.
          {category?.singleSchool && " In this category all members must be from the same school."}
        </p>
        <datalist id={schoolsId}>
          {schools.status === "ready" &&
            schools.data.schools.map((school) => <option key={school.id} value={school.name} />)}
        </datalist>
        <div className="register-members">
          {members.map((m, i) => (
            <MemberFields
              key={m.key}
              title={`Member ${i + 1}`}
              draft={m}
              prefix={`members.${i}`}
              errors={errors}
              years={years}
              schoolsListId={schoolsId}
              schoolHint={
                i > 0 && category?.singleSchool
                  ? "The same school as the other members."
                  : "Start typing: schools already signed up are suggested."
              }
              onChange={(patch) => changeMember(i, patch)}
              onRemove={members.length > 1 ? () => removeMember(i) : undefined}
              onSchoolBlur={() => setSchoolsLeft((s) => new Set(s).add(m.key))}
            />
          ))}
        </div>
        {errors.members && (
          <p className="field-error" role="alert">
            {errors.members}
          </p>
        )}
        {full ? (
          <p className="register-full">
            <UsersIcon /> Your team has {event.maxTeamSize} members, the most allowed.
          </p>
        ) : (
          <button
            type="button"
            className="btn btn-secondary register-add-button"
            onClick={addMember}
          >
            <PlusIcon /> Add a member
            <span className="muted small">(up to {event.maxTeamSize})</span>
          </button>
        )}
      </section>

      <section className="card register-step" aria-labelledby="step-signin">
        <h2 id="step-signin">Your team's sign-in</h2>
        <p className="muted">
          You'll use these to see your team, check that every guardian has said yes and hand in your
          project. A teacher or the team's leader should keep them.
        </p>
        <Field
          label="Email"
          hint="Not a guardian's email: each guardian gets their own link."
          error={errors["contact.email"]}
        >
          {(a) => (
            <input
              {...a}
              className="input"
              type="email"
              inputMode="email"
              autoComplete="email"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                forget("contact.email", ...members.map((_, i) => `members.${i}.guardian.email`));
              }}
            />
          )}
        </Field>
        <NewPasswordField
          error={errors["contact.password"]}
          value={password}
          onValue={(value) => {
            setPassword(value);
            forget("contact.password");
          }}
        />
      </section>

      <div className="register-submit">
        <button
          type="submit"
          className="btn btn-primary btn-large btn-block"
          disabled={busy || event.categories.length === 0}
        >
          {busy ? "Signing up…" : "Sign up team"}
        </button>
        <p className="small muted">
          Personal details are seen only by the organizers and your own team, and are deleted after
          the event.
        </p>
      </div>
    </form>
  );
}
