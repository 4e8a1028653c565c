import {
  boolean,
  date,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, events } from "./events";
import { users } from "./users";

export const consentStatusEnum = pgEnum("consent_status", ["awaiting", "given", "refused"]);
export const consentMethodEnum = pgEnum("consent_method", ["link", "paper"]);

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    /**
     * The name as it looks (shared/rules/names.ts): two names that differ only by case,
     * invisible characters or look-alike letters from other alphabets have one key, and the
     * unique index refuses the second.
     */
    nameKey: text("name_key").notNull(),
    /** The team's sign-in account (role "team"); its email is the contact email. */
    contactUserId: uuid("contact_user_id").references(() => users.id, { onDelete: "set null" }),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("teams_event_name_key").on(t.eventId, t.nameKey),
    uniqueIndex("teams_contact_user_key").on(t.contactUserId),
    index("teams_event_idx").on(t.eventId),
    index("teams_category_idx").on(t.categoryId),
  ],
);

/**
 * A participant. Date of birth, last name, guardian contacts and notes are personal data:
 * shown only to organizers and the member's own team, and removed by the retention purge.
 */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name"),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    school: text("school").notNull(),
    schoolKey: text("school_key").notNull(),
    guardianName: text("guardian_name"),
    guardianEmail: text("guardian_email"),
    guardianPhone: text("guardian_phone"),
    dietary: text("dietary"),
    medical: text("medical"),
    consentStatus: consentStatusEnum("consent_status").notNull().default("awaiting"),
    consentMethod: consentMethodEnum("consent_method"),
    consentBy: text("consent_by"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    photoConsent: boolean("photo_consent").notNull().default(false),
    /**
     * The guardian's consent link token. Kept readable so the team's dashboard can show the
     * link to pass on again; it only records one answer and is removed by the purge.
     */
    consentToken: text("consent_token"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("members_team_idx").on(t.teamId),
    uniqueIndex("members_consent_token_key").on(t.consentToken),
  ],
);

/** Emails the app sends. Without SMTP_URL they wait here for the organizer to pass on by hand. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id").references(() => events.id, { onDelete: "cascade" }),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [
    index("outbox_event_idx").on(t.eventId, t.createdAt),
    index("outbox_to_email_idx").on(t.toEmail, t.createdAt),
  ],
);
