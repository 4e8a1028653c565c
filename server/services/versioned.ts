/**
 * Edits made on a version: the editor names the version of the row they saw, and a row changed
 * since is refused (409 row-changed) rather than overwritten with what they did not see.
 */
import { and, eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { AppError, notFound } from "../lib/problems";

/** The refusal of an edit made on an old version; `what` is "this team", "Sam's details"… */
export const rowChanged = (what: string, pronoun: "it" | "them" = "it") =>
  new AppError(
    "row-changed",
    `Someone else changed ${what} a moment ago. Look at ${pronoun} again, then make your change.`,
  );

type VersionedTable = PgTable & { id: PgColumn; eventId: PgColumn; version: PgColumn };

export interface Seen {
  id: string;
  eventId: string;
  /** The version the editor saw. */
  version: number;
}

/**
 * Locks one of the event's rows (`FOR UPDATE`, so a second edit of it waits for this
 * transaction) and checks it is still the version the editor saw: not-found when the row is
 * missing or another event's, row-changed when it has moved on. `noun` names the row in both
 * messages ("category": "that category", "this category").
 */
export async function lockVersioned<T extends VersionedTable>(
  tx: Db,
  table: T,
  seen: Seen,
  noun: string,
  pronoun: "it" | "them" = "it",
): Promise<T["$inferSelect"]> {
  const [row] = await tx
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, seen.id), eq(table.eventId, seen.eventId)))
    .for("update");
  if (!row) throw notFound(noun);
  if (row.version !== seen.version) throw rowChanged(`this ${noun}`, pronoun);
  return row as T["$inferSelect"];
}
