/** The event's details, used to create an event and to edit it. Times are typed in the event's zone. */
import { useState } from "react";
import type { EventView } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import {
  formatZonedDateTime,
  utcToZonedLocal,
  zonedLocalToUtc,
} from "../../../shared/rules/timezones";
import { EventCreateSchema, TIME_KEYS } from "../../../shared/schemas/event";
import { zoneName } from "../../components/EventBits";
import { Field, FormError, NumberField, TextField } from "../../components/Field";
import { useFormSubmit } from "../../hooks/useMutation";
import { type FieldErrors, type Parsed, slugify, withChecks } from "../../lib/forms";
import { DEFAULT_TIME_ZONE, timeZoneOptions } from "./timeZones";

type TimeKey = (typeof TIME_KEYS)[number];

export interface EventFormValues extends Record<TimeKey, string> {
  name: string;
  slug: string;
  venue: string;
  timezone: string;
  maxTeamSize: string;
  maxAge: string;
  contactEmail: string;
  contactPhone: string;
}

/** The JSON body the API takes: instants as ISO strings in UTC. */
export interface EventBody {
  name: string;
  slug: string;
  venue: string;
  timezone: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  startsAt: string;
  submissionsCloseAt: string;
  endsAt: string;
  maxTeamSize?: number;
  maxAge?: number;
  /** How guardians reach the organizers; null for none. */
  contactEmail: string | null;
  contactPhone: string | null;
}

export const EMPTY_EVENT: EventFormValues = {
  name: "",
  slug: "",
  venue: "",
  timezone: DEFAULT_TIME_ZONE,
  registrationOpensAt: "",
  registrationClosesAt: "",
  startsAt: "",
  submissionsCloseAt: "",
  endsAt: "",
  maxTeamSize: String(LIMITS.defaultMaxTeamSize),
  maxAge: String(LIMITS.defaultMaxAge),
  contactEmail: "",
  contactPhone: "",
};

export function valuesFromEvent(event: EventView): EventFormValues {
  const local = (iso: string) => utcToZonedLocal(new Date(iso), event.timezone);
  return {
    name: event.name,
    slug: event.slug,
    venue: event.venue,
    timezone: event.timezone,
    registrationOpensAt: local(event.registrationOpensAt),
    registrationClosesAt: local(event.registrationClosesAt),
    startsAt: local(event.startsAt),
    submissionsCloseAt: local(event.submissionsCloseAt),
    endsAt: local(event.endsAt),
    maxTeamSize: String(event.maxTeamSize),
    maxAge: String(event.maxAge),
    contactEmail: event.contact.email ?? "",
    contactPhone: event.contact.phone ?? "",
  };
}

const TIME_FIELDS: { key: TimeKey; label: string; hint: string }[] = [
  {
    key: "registrationOpensAt",
    label: "Sign-up opens",
    hint: "When teams can start signing up.",
  },
  {
    key: "registrationClosesAt",
    label: "Sign-up closes",
    hint: "After sign-up opens. No new teams or members after this.",
  },
  {
    key: "startsAt",
    label: "Hacking starts",
    hint: "When sign-up closes or later. The countdown starts here.",
  },
  {
    key: "submissionsCloseAt",
    label: "Projects due",
    hint: "After hacking starts. Teams can't change their project after this.",
  },
  {
    key: "endsAt",
    label: "Event ends",
    hint: "When projects are due or later, after judging and the ceremony.",
  },
];

const RESERVED_SLUGS = new Set(["new"]);
const FIELD_NAMES = [...Object.keys(EMPTY_EVENT)];

/** Reads the form: converts local times in the chosen zone to UTC and validates with the shared schema. */
function readForm(values: EventFormValues, mode: "create" | "edit"): Parsed<EventBody> {
  const errors: FieldErrors = {};
  const instants: Partial<Record<TimeKey, string>> = {};
  for (const key of TIME_KEYS) {
    if (!values[key]) errors[key] = "Choose a date and a time.";
    else {
      try {
        instants[key] = zonedLocalToUtc(values[key], values.timezone).toISOString();
      } catch {
        errors[key] = "Choose a date and a time.";
      }
    }
  }
  const number = (v: string) => (v.trim() === "" ? undefined : Number(v));
  const orNull = (v: string) => (v.trim() === "" ? null : v);
  const candidate = {
    name: values.name,
    slug: values.slug,
    venue: values.venue,
    timezone: values.timezone,
    ...Object.fromEntries(TIME_KEYS.map((k) => [k, instants[k] ?? ""])),
    maxTeamSize: number(values.maxTeamSize),
    maxAge: number(values.maxAge),
    contactEmail: orNull(values.contactEmail),
    contactPhone: orNull(values.contactPhone),
  };
  if (mode === "create" && RESERVED_SLUGS.has(values.slug.trim().toLowerCase()))
    errors.slug = "This web address is used by the app. Choose another.";
  const parsed = withChecks(EventCreateSchema.safeParse(candidate), errors);
  if (!parsed.success) return parsed;
  const { data } = parsed;
  return {
    success: true,
    data: {
      name: data.name,
      slug: data.slug,
      venue: data.venue,
      timezone: data.timezone,
      registrationOpensAt: data.registrationOpensAt.toISOString(),
      registrationClosesAt: data.registrationClosesAt.toISOString(),
      startsAt: data.startsAt.toISOString(),
      submissionsCloseAt: data.submissionsCloseAt.toISOString(),
      endsAt: data.endsAt.toISOString(),
      maxTeamSize: data.maxTeamSize,
      maxAge: data.maxAge,
      contactEmail: data.contactEmail ?? null,
      contactPhone: data.contactPhone ?? null,
    },
  };
}

export function EventForm({
  initial,
  mode,
  submitLabel,
  busyLabel,
  onSubmit,
}: {
  initial: EventFormValues;
  mode: "create" | "edit";
  submitLabel: string;
  busyLabel: string;
  /** Saves the body; throws an ApiError to show. */
  onSubmit: (body: EventBody) => Promise<void>;
}) {
  const [values, setValues] = useState(initial);
  const [slugEdited, setSlugEdited] = useState(mode === "edit");
  const form = useFormSubmit({
    parse: () => readForm(values, mode),
    fields: FIELD_NAMES,
    summarize: true,
    send: onSubmit,
  });
  const { errors, busy, formRef } = form;

  const set = (key: keyof EventFormValues, value: string) =>
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (key === "name" && !slugEdited) next.slug = slugify(value);
      return next;
    });

  const origin = window.location.origin;
  return (
    <form ref={formRef} className="form org-event-form" onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      <fieldset className="fieldset">
        <legend>About the event</legend>
        <TextField
          label="Event name"
          hint="For example: Hack Manchester Junior 2026"
          error={errors.name}
          maxLength={LIMITS.eventNameMax}
          value={values.name}
          onValue={(name) => set("name", name)}
        />
        {mode === "create" && (
          <TextField
            label="Web address"
            hint={
              <>
                The event's public page will be{" "}
                <span className="url">
                  {origin}/events/<strong>{values.slug || "your-event"}</strong>
                </span>
                . Lowercase letters, numbers and hyphens. You can't change it later.
              </>
            }
            error={errors.slug}
            maxLength={LIMITS.slugMax}
            autoCapitalize="none"
            spellCheck={false}
            value={values.slug}
            onValue={(slug) => {
              setSlugEdited(true);
              set("slug", slug);
            }}
          />
        )}
        <TextField
          label="Venue"
          hint="Where it happens, for example: Manchester Central"
          error={errors.venue}
          maxLength={LIMITS.venueMax}
          value={values.venue}
          onValue={(venue) => set("venue", venue)}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>When</legend>
        <p className="fieldset-intro">
          The times go in this order: sign-up opens, sign-up closes, hacking starts, projects are
          due, the event ends. Hacking can start the moment sign-up closes, and the event can end
          the moment projects are due.
        </p>
        <Field
          label="Time zone"
          hint={`The times below are read as ${zoneName(values.timezone)}.`}
          error={errors.timezone}
        >
          {(a) => (
            <select
              {...a}
              className="input"
              value={values.timezone}
              onChange={(e) => set("timezone", e.target.value)}
            >
              {timeZoneOptions(values.timezone).map(([zone, label]) => (
                <option key={zone} value={zone}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ol className="org-timeline">
          {TIME_FIELDS.map(({ key, label, hint }) => (
            <li key={key}>
              <Field label={label} hint={hint} error={errors[key]}>
                {(a) => (
                  <>
                    <input
                      {...a}
                      className="input"
                      type="datetime-local"
                      value={values[key]}
                      onChange={(e) => set(key, e.target.value)}
                    />
                    <TimePreview local={values[key]} timeZone={values.timezone} />
                  </>
                )}
              </Field>
            </li>
          ))}
        </ol>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Teams</legend>
        <div className="field-row">
          <NumberField
            label="Most members in a team"
            hint={`From 1 to ${LIMITS.teamSizeCap}.`}
            error={errors.maxTeamSize}
            min={1}
            max={LIMITS.teamSizeCap}
            value={values.maxTeamSize}
            onValue={(v) => set("maxTeamSize", v)}
          />
          <NumberField
            label="Oldest age allowed"
            hint="Checked on the first day of the event."
            error={errors.maxAge}
            min={5}
            max={LIMITS.maxAgeCap}
            value={values.maxAge}
            onValue={(v) => set("maxAge", v)}
          />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Contact for guardians</legend>
        <p className="fieldset-intro">
          The consent page shows this to parents and guardians, so they can reach you to change an
          answer or ask a question. Give an email, a phone number, or both.
        </p>
        <TextField
          label="Contact email (optional)"
          error={errors.contactEmail}
          type="email"
          autoComplete="off"
          maxLength={LIMITS.emailMax}
          value={values.contactEmail}
          onValue={(v) => set("contactEmail", v)}
        />
        <TextField
          label="Contact phone (optional)"
          error={errors.contactPhone}
          type="tel"
          autoComplete="off"
          maxLength={LIMITS.phoneMax}
          value={values.contactPhone}
          onValue={(v) => set("contactPhone", v)}
        />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}

/**
 * The chosen time written out in full, because a datetime-local box shows dates in the
 * browser's own format (and a time skipped when the clocks go forward is shown as moved).
 */
function TimePreview({ local, timeZone }: { local: string; timeZone: string }) {
  if (!local) return null;
  let text: string;
  try {
    text = formatZonedDateTime(zonedLocalToUtc(local, timeZone), timeZone);
  } catch {
    return null;
  }
  return <p className="hint org-time-preview">{text}</p>;
}
