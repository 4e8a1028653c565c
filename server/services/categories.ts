import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type {
  CategoryCreate,
  CategoryEdit,
  PrizeCreate,
  PrizeEdit,
} from "../../shared/schemas/event";
import type { Db } from "../db/client";
import { categories, criteria, members, prizes, scores, teams } from "../db/schema";
import { AppError, type FieldError, notFound, validationError } from "../lib/problems";
import type { Changes } from "../realtime/changes";
import { audit } from "./audit";
import {
  type CategoryRow,
  type CriterionRow,
  type EventRow,
  isForeignKeyViolation,
  isUniqueViolation,
  type PrizeRow,
} from "./events";
import { lockVersioned } from "./versioned";

/** The tie-break criterion as the category's criteria spell it, or null. */
function tieBreakName(input: CategoryCreate | CategoryEdit): string | null {
  const wanted = input.tieBreakCriterion?.toLowerCase();
  return input.criteria.find((c) => c.name.toLowerCase() === wanted)?.name ?? null;
}

/** A failed category write as the organizer should hear it: a name in use, or as it was. */
function categoryProblem(error: unknown, name: string): unknown {
  if (isUniqueViolation(error, "categories_event_name_key"))
    return new AppError("name-taken", `This event already has a category called "${name}".`, [
      { path: "name", message: "Another category has this name." },
    ]);
  return error;
}

/**
 * Writes a new category, last in the event's order, with its criteria in the order given.
 * No checks and no audit: createCategory's work, and test set-up's.
 */
export async function insertCategoryRows(
  db: Db,
  eventId: string,
  input: CategoryCreate,
): Promise<CategoryRow & { criteria: CriterionRow[] }> {
  const [{ n }] = (await db
    .select({ n: count() })
    .from(categories)
    .where(eq(categories.eventId, eventId))) as [{ n: number }];
  const [category] = await db
    .insert(categories)
    .values({
      eventId,
      name: input.name,
      description: input.description ?? null,
      singleSchool: input.singleSchool,
      tieBreakCriterion: tieBreakName(input),
      position: n,
    })
    .returning();
  const rows = await db
    .insert(criteria)
    .values(
      input.criteria.map((c, position) => ({
        categoryId: category!.id,
        name: c.name,
        description: c.description ?? null,
        weight: c.weight,
        maxScore: c.maxScore,
        position,
      })),
    )
    .returning();
  return { ...category!, criteria: rows.sort((a, b) => a.position - b.position) };
}

export async function createCategory(
  db: Db,
  event: EventRow,
  input: CategoryCreate,
  actorId: string,
): Promise<CategoryRow & { criteria: CriterionRow[] }> {
  try {
    return await db.transaction(async (tx) => {
      const created = await insertCategoryRows(tx, event.id, input);
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "category.created",
        details: { categoryId: created.id },
      });
      return created;
    });
  } catch (error) {
    throw categoryProblem(error, input.name);
  }
}

export async function deleteCategory(
  db: Db,
  event: EventRow,
  categoryId: string,
  actorId: string,
): Promise<void> {
  const inUse = () =>
    new AppError(
      "category-in-use",
      "Teams have signed up in this category, so it can't be deleted.",
    );
  const [team] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(eq(teams.categoryId, categoryId))
    .limit(1);
  if (team) throw inUse();
  try {
    await deleteCategoryRow(db, event, categoryId, actorId);
  } catch (error) {
    // A team signing up at the same moment trips the foreign key instead.
    if (isForeignKeyViolation(error)) throw inUse();
    throw error;
  }
}

async function deleteCategoryRow(db: Db, event: EventRow, categoryId: string, actorId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(categories)
      .where(and(eq(categories.id, categoryId), eq(categories.eventId, event.id)))
      .returning({ id: categories.id });
    if (deleted.length === 0) throw notFound("category");
    await audit(tx, {
      eventId: event.id,
      actorId,
      action: "category.deleted",
      details: { categoryId },
    });
  });
}

export async function createPrize(
  db: Db,
  event: EventRow,
  input: PrizeCreate,
  actorId: string,
): Promise<PrizeRow> {
  try {
    return await db.transaction(async (tx) => {
      const [category] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.id, input.categoryId), eq(categories.eventId, event.id)));
      if (!category)
        throw validationError([
          { path: "categoryId", message: "Choose one of this event's categories." },
        ]);
      const [prize] = await tx
        .insert(prizes)
        .values({
          eventId: event.id,
          categoryId: input.categoryId,
          place: input.place,
          title: input.title,
          sponsor: input.sponsor ?? null,
        })
        .returning();
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "prize.created",
        details: { prizeId: prize!.id },
      });
      return prize!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "prizes_category_place_key")) {
      throw new AppError(
        "place-taken",
        `This category already has a prize for place ${input.place}.`,
        [{ path: "place", message: "This place already has a prize." }],
      );
    }
    throw error;
  }
}

export async function deletePrize(
  db: Db,
  event: EventRow,
  prizeId: string,
  actorId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(prizes)
      .where(and(eq(prizes.id, prizeId), eq(prizes.eventId, event.id)))
      .returning({ id: prizes.id });
    if (deleted.length === 0) throw notFound("prize");
    await audit(tx, { eventId: event.id, actorId, action: "prize.deleted", details: { prizeId } });
  });
}

/** Where a refused change to a scored category's criteria sits in the form, field by field. */
function scoredFieldErrors(
  asked: CategoryEdit["criteria"],
  byId: Map<string, CriterionRow>,
  removedAny: boolean,
): FieldError[] {
  const fixed = "Judges have scored with this already, so it can't change.";
  const errors: FieldError[] = [];
  if (removedAny) errors.push({ path: "criteria", message: "Scored criteria can't be removed." });
  asked.forEach((c, i) => {
    const old = c.id ? byId.get(c.id) : undefined;
    if (!old)
      errors.push({ path: `criteria.${i}.name`, message: "New criteria can't be added now." });
    else {
      if (old.weight !== c.weight) errors.push({ path: `criteria.${i}.weight`, message: fixed });
      if (old.maxScore !== c.maxScore)
        errors.push({ path: `criteria.${i}.maxScore`, message: fixed });
    }
  });
  return errors;
}

export interface CategoryEditing {
  event: EventRow;
  categoryId: string;
  input: CategoryEdit;
  actorId: string;
  changes: Changes;
}

/**
 * Edits a category and its criteria as a whole. Once a judge has scored in the category, the
 * weights, maximums and the list of criteria stay as they are (the scores were given on that
 * scale, and a card complete today must stay complete); names, descriptions and order may
 * still change. Turning on "one school" is refused while a team of the category mixes schools.
 */
export async function editCategory(
  db: Db,
  { event, categoryId, input, actorId, changes }: CategoryEditing,
): Promise<CategoryRow & { criteria: CriterionRow[] }> {
  try {
    return await db.transaction(async (tx) => {
      const category = await lockVersioned(
        tx,
        categories,
        { id: categoryId, eventId: event.id, version: input.version },
        "category",
      );
      const before = await tx
        .select()
        .from(criteria)
        .where(eq(criteria.categoryId, categoryId))
        .orderBy(asc(criteria.position));
      const byId = new Map(before.map((c) => [c.id, c]));
      input.criteria.forEach((c, i) => {
        if (c.id && !byId.has(c.id))
          throw validationError([
            { path: `criteria.${i}.id`, message: "This criterion is not one of this category's." },
          ]);
      });
      const kept = new Set(input.criteria.flatMap((c) => (c.id ? [c.id] : [])));
      const removed = before.filter((c) => !kept.has(c.id));
      const added = input.criteria.filter((c) => !c.id);
      const rescaled = input.criteria.filter((c) => {
        const old = c.id ? byId.get(c.id) : undefined;
        return old && (old.weight !== c.weight || old.maxScore !== c.maxScore);
      });
      if (removed.length || added.length || rescaled.length) {
        const [scored] = await tx
          .select({ id: scores.id })
          .from(scores)
          .innerJoin(criteria, eq(criteria.id, scores.criterionId))
          .where(eq(criteria.categoryId, categoryId))
          .limit(1);
        if (scored) {
          const why = removed.length
            ? `removing "${removed[0]!.name}"`
            : added.length
              ? `adding "${added[0]!.name}"`
              : `changing the weight or maximum of "${rescaled[0]!.name}"`;
          throw new AppError(
            "category-scored",
            `Judges have already scored in ${category.name}, so its criteria are fixed: ${why} would change scores already given. Names, descriptions and order can still change.`,
            scoredFieldErrors(input.criteria, byId, removed.length > 0),
          );
        }
      }
      if (input.singleSchool && !category.singleSchool) {
        const mixed = await tx
          .select({ name: teams.name })
          .from(teams)
          .innerJoin(members, eq(members.teamId, teams.id))
          .where(eq(teams.categoryId, categoryId))
          .groupBy(teams.id, teams.name)
          .having(sql`count(distinct ${members.schoolId}) > 1`)
          .limit(1);
        if (mixed[0])
          throw new AppError(
            "mixed-schools",
            `The team "${mixed[0].name}" has members from different schools, so ${category.name} can't be for one school only.`,
            [{ path: "singleSchool", message: "A team in this category mixes schools." }],
          );
      }
      const [updated] = await tx
        .update(categories)
        .set({
          name: input.name,
          description: input.description ?? null,
          singleSchool: input.singleSchool,
          tieBreakCriterion: tieBreakName(input),
          version: category.version + 1,
        })
        .where(eq(categories.id, categoryId))
        .returning();
      if (removed.length)
        await tx.delete(criteria).where(
          inArray(
            criteria.id,
            removed.map((c) => c.id),
          ),
        );
      for (const [position, c] of input.criteria.entries()) {
        const values = {
          name: c.name,
          description: c.description ?? null,
          weight: c.weight,
          maxScore: c.maxScore,
          position,
        };
        if (c.id) await tx.update(criteria).set(values).where(eq(criteria.id, c.id));
        else await tx.insert(criteria).values({ ...values, categoryId });
      }
      const after = await tx
        .select()
        .from(criteria)
        .where(eq(criteria.categoryId, categoryId))
        .orderBy(asc(criteria.position));
      const shape = (c: CriterionRow) => ({ name: c.name, weight: c.weight, maxScore: c.maxScore });
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "category.edited",
        details: {
          categoryId,
          old: {
            name: category.name,
            singleSchool: category.singleSchool,
            criteria: before.map(shape),
          },
          new: { name: input.name, singleSchool: input.singleSchool, criteria: after.map(shape) },
        },
      });
      changes.add({ kind: "event", eventId: event.id });
      changes.add({ kind: "judging", eventId: event.id });
      return { ...updated!, criteria: after };
    });
  } catch (error) {
    throw categoryProblem(error, input.name);
  }
}

/** A category of the event with its criteria in order. */
export async function findCategory(
  db: Db,
  event: EventRow,
  categoryId: string,
): Promise<CategoryRow & { criteria: CriterionRow[] }> {
  const [category] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.id, categoryId), eq(categories.eventId, event.id)));
  if (!category) throw notFound("category");
  const rows = await db
    .select()
    .from(criteria)
    .where(eq(criteria.categoryId, categoryId))
    .orderBy(asc(criteria.position));
  return { ...category, criteria: rows };
}

export interface PrizeEditing {
  event: EventRow;
  prizeId: string;
  input: PrizeEdit;
  actorId: string;
  changes: Changes;
}

/** Edits a prize: its title, sponsor, place or category; one prize per category and place. */
export async function editPrize(
  db: Db,
  { event, prizeId, input, actorId, changes }: PrizeEditing,
): Promise<PrizeRow> {
  try {
    return await db.transaction(async (tx) => {
      const prize = await lockVersioned(
        tx,
        prizes,
        { id: prizeId, eventId: event.id, version: input.version },
        "prize",
      );
      if (input.categoryId && input.categoryId !== prize.categoryId) {
        const [category] = await tx
          .select({ id: categories.id })
          .from(categories)
          .where(and(eq(categories.id, input.categoryId), eq(categories.eventId, event.id)));
        if (!category)
          throw validationError([
            { path: "categoryId", message: "Choose one of this event's categories." },
          ]);
      }
      const next = {
        categoryId: input.categoryId ?? prize.categoryId,
        place: input.place ?? prize.place,
        title: input.title ?? prize.title,
        sponsor: input.sponsor === undefined ? prize.sponsor : input.sponsor,
      };
      const [updated] = await tx
        .update(prizes)
        .set({ ...next, version: prize.version + 1 })
        .where(eq(prizes.id, prizeId))
        .returning();
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "prize.edited",
        details: {
          prizeId,
          old: {
            categoryId: prize.categoryId,
            place: prize.place,
            title: prize.title,
            sponsor: prize.sponsor,
          },
          new: next,
        },
      });
      // The event page, the display's sponsors and the ceremony show prizes.
      changes.add({ kind: "event", eventId: event.id });
      changes.add({ kind: "ceremony", eventId: event.id });
      return updated!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "prizes_category_place_key"))
      throw new AppError(
        "place-taken",
        `This category already has a prize for place ${input.place}.`,
        [{ path: "place", message: "This place already has a prize." }],
      );
    throw error;
  }
}
