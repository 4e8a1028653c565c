import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { events } from "./events";
import { teams } from "./teams";
import { users } from "./users";

/** A team's project as it stands now; every save also appends to submission_versions. */
export const submissions = pgTable(
  "submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    repoUrl: text("repo_url"),
    demoUrl: text("demo_url"),
    videoUrl: text("video_url"),
    builtWith: jsonb("built_with").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    /**
     * Set when an organizer withdrew every version from judging: the team then counts as not
     * having handed anything in, while its versions stay in the history. A new save clears it.
     */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("submissions_team_key").on(t.teamId),
    index("submissions_event_idx").on(t.eventId),
  ],
);

export const submissionVersions = pgTable(
  "submission_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    repoUrl: text("repo_url"),
    demoUrl: text("demo_url"),
    videoUrl: text("video_url"),
    builtWith: jsonb("built_with").$type<string[]>().notNull().default([]),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull(),
    savedBy: uuid("saved_by").references(() => users.id, { onDelete: "set null" }),
    /** An organizer took this version out of judging; the newest version not withdrawn counts. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("submission_versions_submission_version_key").on(t.submissionId, t.version)],
);
