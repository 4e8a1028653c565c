import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { categories, events } from "./events";
import { schools } from "./schools";
import { users } from "./users";

export const judges = pgTable(
  "judges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 of the current invite token; kept after use so a second use answers "invite used". */
    inviteTokenHash: text("invite_token_hash"),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    /** The organizer chose this judge's teams by hand: automatic panels leave them alone. */
    handPicked: boolean("hand_picked").notNull().default(false),
    /** Bumped by every edit of the judge (name, email, schools, categories); an edit names it. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("judges_event_idx").on(t.eventId),
    uniqueIndex("judges_user_key").on(t.userId),
    uniqueIndex("judges_invite_token_key").on(t.inviteTokenHash),
  ],
);

/** Schools a judge declared: the judge never scores a team from one of them. */
export const judgeSchools = pgTable(
  "judge_schools",
  {
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    schoolId: uuid("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ name: "judge_schools_pkey", columns: [t.judgeId, t.schoolId] }),
    index("judge_schools_school_idx").on(t.schoolId),
  ],
);

export const judgeCategories = pgTable(
  "judge_categories",
  {
    judgeId: uuid("judge_id")
      .notNull()
      .references(() => judges.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ name: "judge_categories_pkey", columns: [t.judgeId, t.categoryId] }),
    index("judge_categories_category_idx").on(t.categoryId),
  ],
);
