import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, events } from "./events";
import { schools } from "./schools";
import { users } from "./users";

export const consentStatusEnum = pgEnum("consent_status", ["awaiting", "given", "refused"]);
export const consentMethodEnum = pgEnum("consent_method", ["link", "paper", "phone"]);

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
    /** When the team was first all in: judging, panels and the stage count it from then on. */
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    /** Where the team sits, printed on its badges ("12", "B4"); null until the organizer sets it. */
    tableNumber: text("table_number"),
    /** Bumped by every edit of the name or category; an edit names the version it changes. */
    version: integer("version").notNull().default(1),
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
    /** The member's school; the name they typed joined it (or made it) through its keys. */
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "restrict" }),
    guardianName: text("guardian_name"),
    guardianEmail: text("guardian_email"),
    guardianPhone: text("guardian_phone"),
    dietary: text("dietary"),
    medical: text("medical"),
    consentStatus: consentStatusEnum("consent_status").notNull().default("awaiting"),
    photoConsent: boolean("photo_consent").notNull().default(false),
    /**
     * SHA-256 of the guardian's current consent link token. The link itself exists only in
     * the guardian's email or letter (the outbox); sending it again replaces the token, so an
     * old link stops working. Removed by the purge.
     */
    consentTokenHash: text("consent_token_hash"),
    /** When the current link was made, for the cap on sending it again. */
    consentLinkAt: timestamp("consent_link_at", { withTimezone: true }),
    /** The member's first check-in; kept when they leave at the end of a day. */
    arrivedAt: timestamp("arrived_at", { withTimezone: true }),
    /** In the building since then; null when not arrived yet or checked out. */
    inSince: timestamp("in_since", { withTimezone: true }),
    /** When the member last checked out (the end of day one, say). */
    leftAt: timestamp("left_at", { withTimezone: true }),
    /**
     * Whether the current link may still record an answer. An answer (by the link or recorded
     * by an organizer) closes it; an organizer asking again with a fresh link opens it while
     * the answer before still stands, so a guardian can change their mind.
     */
    consentLinkOpen: boolean("consent_link_open").notNull().default(true),
    /** Bumped by every edit of the member's details; an edit names the version it changes. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("members_team_idx").on(t.teamId),
    index("members_school_idx").on(t.schoolId),
    uniqueIndex("members_consent_token_hash_key").on(t.consentTokenHash),
  ],
);

/**
 * Every consent answer, append-only: how it was given (the guardian's link, or a paper form or
 * phone call an organizer recorded), when, and by whom. The member row holds the current status.
 */
export const consentRecords = pgTable(
  "consent_records",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    method: consentMethodEnum("method").notNull(),
    consent: boolean("consent").notNull(),
    photoConsent: boolean("photo_consent").notNull(),
    /**
     * Who answered: the guardian's name as typed on the consent page, or as the organizer
     * wrote it down from a form or a call; removed by the purge.
     */
    guardianName: text("guardian_name"),
    /** The organizer who recorded a paper form or a phone call. */
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    /** The organizer's note on an answer they recorded ("called back at 14:10"); purged. */
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("consent_records_member_idx").on(t.memberId, t.at)],
);

/**
 * Emails the app sends. Without SMTP_URL they wait here, and a consent email is printed as a
 * letter for the organizer or a teacher to hand to the guardian.
 */
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
    /** A consent email's member: removing the member removes their emails too. */
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    /** Which consent token the email carries, so a replaced link shows as replaced. */
    consentTokenHash: text("consent_token_hash"),
    /** A consent email's link in full, for the printed letter and its QR code. */
    link: text("link"),
  },
  (t) => [
    index("outbox_event_idx").on(t.eventId, t.createdAt),
    index("outbox_to_email_idx").on(t.toEmail, t.createdAt),
    index("outbox_member_idx").on(t.memberId),
  ],
);
