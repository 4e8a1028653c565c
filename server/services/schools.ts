/**
 * Schools of an event. A typed name joins the school its normalized spelling is a key of, or
 * makes a new school; organizers rename a school (versioned) and merge two spellings into one.
 */
import { and, asc, count, countDistinct, eq, inArray, sql } from "drizzle-orm";
import { normalizeSchool } from "../../shared/rules/schools";
import type { Db } from "../db/client";
import { judgeSchools, judges, members, schoolKeys, schools, teams } from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import type { EventRow } from "./events";
import { reconcilePanels } from "./judging";
import { lockVersioned } from "./versioned";

export type SchoolRow = typeof schools.$inferSelect;

export interface SchoolSummary extends SchoolRow {
  members: number;
  teams: number;
  judges: number;
}

/**
 * The school each typed name belongs to, in order, making the schools nobody named before.
 * Race-safe: two transactions making one new school both try to claim its key; the unique key
 * makes the second wait for the first, and the one that loses removes its school and joins
 * the winner's.
 */
export async function resolveSchools(
  tx: Db,
  eventId: string,
  names: readonly string[],
): Promise<string[]> {
  if (names.length === 0) return [];
  const wanted = new Map<string, string>();
  for (const name of names) {
    const key = normalizeSchool(name);
    if (!wanted.has(key)) wanted.set(key, name.trim());
  }
  const found = new Map<string, string>();
  const known = await tx
    .select({ key: schoolKeys.key, schoolId: schoolKeys.schoolId })
    .from(schoolKeys)
    .where(and(eq(schoolKeys.eventId, eventId), inArray(schoolKeys.key, [...wanted.keys()])));
  for (const k of known) found.set(k.key, k.schoolId);
  for (const [key, name] of wanted) {
    if (found.has(key)) continue;
    const [made] = await tx.insert(schools).values({ eventId, name }).returning({ id: schools.id });
    const [claimed] = await tx
      .insert(schoolKeys)
      .values({ eventId, key, schoolId: made!.id })
      .onConflictDoNothing()
      .returning({ schoolId: schoolKeys.schoolId });
    if (claimed) {
      found.set(key, claimed.schoolId);
      continue;
    }
    // Another sign-up made this school first and has committed: join it.
    await tx.delete(schools).where(eq(schools.id, made!.id));
    const [winner] = await tx
      .select({ schoolId: schoolKeys.schoolId })
      .from(schoolKeys)
      .where(and(eq(schoolKeys.eventId, eventId), eq(schoolKeys.key, key)));
    found.set(key, winner!.schoolId);
  }
  return names.map((name) => found.get(normalizeSchool(name))!);
}

/** One typed name's school (see resolveSchools). */
export async function resolveSchool(tx: Db, eventId: string, name: string): Promise<string> {
  const [id] = await resolveSchools(tx, eventId, [name]);
  return id!;
}

/** The display names of schools by id, for rows that carry only the id. */
export async function schoolNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: schools.id, name: schools.name })
    .from(schools)
    .where(inArray(schools.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A row with its school's display name added. */
export async function withSchoolName<T extends { schoolId: string }>(
  db: Db,
  row: T,
): Promise<T & { school: string }> {
  const names = await schoolNames(db, [row.schoolId]);
  return { ...row, school: names.get(row.schoolId) ?? "" };
}

/** The event's schools by name, with how many members, teams and judges each has. */
export async function listSchools(db: Db, eventId: string): Promise<SchoolSummary[]> {
  const [rows, people, declared] = await Promise.all([
    db.select().from(schools).where(eq(schools.eventId, eventId)).orderBy(asc(schools.name)),
    db
      .select({
        schoolId: members.schoolId,
        members: count(),
        teams: countDistinct(members.teamId),
      })
      .from(members)
      .innerJoin(schools, eq(schools.id, members.schoolId))
      .where(eq(schools.eventId, eventId))
      .groupBy(members.schoolId),
    db
      .select({ schoolId: judgeSchools.schoolId, judges: count() })
      .from(judgeSchools)
      .innerJoin(schools, eq(schools.id, judgeSchools.schoolId))
      .where(eq(schools.eventId, eventId))
      .groupBy(judgeSchools.schoolId),
  ]);
  const counts = new Map(people.map((p) => [p.schoolId, p]));
  const judgesOf = new Map(declared.map((d) => [d.schoolId, d.judges]));
  return rows
    .map((s) => ({
      ...s,
      members: counts.get(s.id)?.members ?? 0,
      teams: counts.get(s.id)?.teams ?? 0,
      judges: judgesOf.get(s.id) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

export async function findSchool(db: Db, eventId: string, schoolId: string): Promise<SchoolRow> {
  const [row] = await db
    .select()
    .from(schools)
    .where(and(eq(schools.id, schoolId), eq(schools.eventId, eventId)));
  if (!row) throw notFound("school");
  return row;
}

/** Reports what a school's new name or new members change: every screen that prints it. */
async function reportSchoolChanged(
  tx: Db,
  eventId: string,
  schoolId: string,
  changes: Changes,
): Promise<void> {
  const touched = await tx
    .selectDistinct({ teamId: members.teamId })
    .from(members)
    .where(eq(members.schoolId, schoolId));
  for (const t of touched) changes.add({ kind: "team", eventId, teamId: t.teamId });
  changes.add({ kind: "schools", eventId });
  changes.add({ kind: "judging", eventId });
  changes.add({ kind: "stage", eventId });
  changes.add({ kind: "ceremony", eventId });
}

export interface SchoolRenaming {
  event: EventRow;
  schoolId: string;
  input: { name: string; version: number };
  actorId: string;
  changes: Changes;
}

/**
 * Gives a school a new display name. The new spelling becomes one of its keys, so typing it
 * joins this school; a name that is already another school's spelling is refused, since the
 * two are then one school and should be merged.
 */
export async function renameSchool(
  db: Db,
  { event, schoolId, input, actorId, changes }: SchoolRenaming,
): Promise<SchoolRow> {
  return db.transaction(async (tx) => {
    const school = await lockVersioned(
      tx,
      schools,
      { id: schoolId, eventId: event.id, version: input.version },
      "school",
    );
    const key = normalizeSchool(input.name);
    const taken = (name: string, id: string) =>
      new AppError(
        "name-taken",
        `"${input.name}" is how ${name} is spelled. If they are the same school, merge this school into ${name} instead.`,
        [{ path: "name", message: `This is a spelling of ${name}: merge the two instead.` }],
      ).with({ schoolId: id });
    const [owner] = await tx
      .select({ schoolId: schoolKeys.schoolId, name: schools.name })
      .from(schoolKeys)
      .innerJoin(schools, eq(schools.id, schoolKeys.schoolId))
      .where(and(eq(schoolKeys.eventId, event.id), eq(schoolKeys.key, key)));
    if (owner && owner.schoolId !== schoolId) throw taken(owner.name, owner.schoolId);
    if (!owner) {
      const [claimed] = await tx
        .insert(schoolKeys)
        .values({ eventId: event.id, key, schoolId })
        .onConflictDoNothing()
        .returning({ schoolId: schoolKeys.schoolId });
      // A sign-up made a school of this spelling while we looked.
      if (!claimed) {
        const [now] = await tx
          .select({ schoolId: schoolKeys.schoolId, name: schools.name })
          .from(schoolKeys)
          .innerJoin(schools, eq(schools.id, schoolKeys.schoolId))
          .where(and(eq(schoolKeys.eventId, event.id), eq(schoolKeys.key, key)));
        throw taken(now?.name ?? input.name, now?.schoolId ?? "");
      }
    }
    const [renamed] = await tx
      .update(schools)
      .set({ name: input.name, version: school.version + 1 })
      .where(eq(schools.id, schoolId))
      .returning();
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "school.renamed",
      details: { schoolId, old: { name: school.name }, new: { name: input.name } },
    });
    await reportSchoolChanged(tx, event.id, schoolId, changes);
    return renamed!;
  });
}

export interface SchoolMerging {
  event: EventRow;
  /** The school that goes away. */
  fromId: string;
  /** The school that stays, with the other's spellings, members and judges' declarations. */
  intoId: string;
  actorId: string;
  now: Date;
  changes: Changes;
}

/**
 * Merges one school into another. A judge who declared the merged school now declares the one
 * that stays, so a panel seat with a team of that school is a conflict of interest: panels
 * are reconciled, and only such seats go.
 */
export async function mergeSchools(
  db: Db,
  { event, fromId, intoId, actorId, now, changes }: SchoolMerging,
): Promise<SchoolRow> {
  if (fromId === intoId)
    throw new AppError("validation", "A school can't be merged into itself. Choose another one.", [
      { path: "intoId", message: "Choose a different school." },
    ]);
  return db.transaction(async (tx) => {
    // Both rows locked in one order, so two merges of the same pair can't deadlock.
    const rows = await tx
      .select()
      .from(schools)
      .where(and(inArray(schools.id, [fromId, intoId]), eq(schools.eventId, event.id)))
      .orderBy(asc(schools.id))
      .for("update");
    const from = rows.find((r) => r.id === fromId);
    const into = rows.find((r) => r.id === intoId);
    if (!from || !into) throw notFound("school");
    await tx.update(schoolKeys).set({ schoolId: intoId }).where(eq(schoolKeys.schoolId, fromId));
    const moved = await tx
      .update(members)
      .set({ schoolId: intoId })
      .where(eq(members.schoolId, fromId))
      .returning({ teamId: members.teamId });
    // A judge who declared both keeps one declaration.
    const declared = await tx
      .select({ judgeId: judgeSchools.judgeId })
      .from(judgeSchools)
      .where(eq(judgeSchools.schoolId, fromId));
    if (declared.length) {
      await tx
        .insert(judgeSchools)
        .values(declared.map((d) => ({ judgeId: d.judgeId, schoolId: intoId })))
        .onConflictDoNothing();
      await tx.delete(judgeSchools).where(eq(judgeSchools.schoolId, fromId));
    }
    await tx.delete(schools).where(eq(schools.id, fromId));
    const [stays] = await tx
      .update(schools)
      .set({ version: into.version + 1 })
      .where(eq(schools.id, intoId))
      .returning();
    // Conflicts of interest follow: a judge of either school leaves the other's teams.
    const [judged] = await tx
      .select({ n: count() })
      .from(judgeSchools)
      .innerJoin(judges, eq(judges.id, judgeSchools.judgeId))
      .where(eq(judgeSchools.schoolId, intoId));
    const checkedIn = moved.length
      ? await tx
          .select({ id: teams.id })
          .from(teams)
          .where(
            and(
              inArray(teams.id, [...new Set(moved.map((m) => m.teamId))]),
              sql`${teams.checkedInAt} is not null`,
            ),
          )
          .limit(1)
      : [];
    if ((judged?.n ?? 0) > 0 && (declared.length > 0 || checkedIn.length > 0))
      await reconcilePanels(tx, event.id, now);
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "school.merged",
      details: {
        old: { id: from.id, name: from.name },
        new: { id: into.id, name: into.name },
        members: moved.length,
        judges: declared.length,
      },
    });
    for (const teamId of new Set(moved.map((m) => m.teamId)))
      changes.add({ kind: "team", eventId: event.id, teamId });
    await reportSchoolChanged(tx, event.id, intoId, changes);
    return stays!;
  });
}
