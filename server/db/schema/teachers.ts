import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { events } from "./events";
import { schools } from "./schools";
import { users } from "./users";

/**
 * Where a teacher stands: invited by an organizer (approved from the start), or asking from the
 * event page and waiting for an organizer's answer, which approves or turns them down.
 */
export const teacherStatusEnum = pgEnum("teacher_status", ["approved", "pending", "declined"]);

/**
 * A teacher: the adult who brings one school's teams to one event. Their name and phone are the
 * school's contact on the day; both are personal data, removed by the retention purge.
 */
export const teachers = pgTable(
  "teachers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    phone: text("phone"),
    /** SHA-256 of the current invite token; kept after use so a second use answers "invite used". */
    inviteTokenHash: text("invite_token_hash"),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    status: teacherStatusEnum("status").notNull().default("approved"),
    /** When an organizer approved or turned down a teacher's own request; null for an invite. */
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    index("teachers_event_idx").on(t.eventId),
    index("teachers_school_idx").on(t.schoolId),
    uniqueIndex("teachers_user_key").on(t.userId),
    uniqueIndex("teachers_invite_token_key").on(t.inviteTokenHash),
  ],
);
