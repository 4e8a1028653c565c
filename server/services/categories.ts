import { and, count, eq } from "drizzle-orm";
import type { CategoryCreate, PrizeCreate } from "../../shared/schemas/event";
import type { Db } from "../db/client";
import { categories, criteria, prizes, teams } from "../db/schema";
import { AppError, notFound, validationError } from "../lib/problems";
import { audit } from "./audit";
import {
  type CategoryRow,
  type CriterionRow,
  type EventRow,
  isForeignKeyViolation,
  isUniqueViolation,
  type PrizeRow,
} from "./events";

export async function createCategory(
  db: Db,
  event: EventRow,
  input: CategoryCreate,
  actorId: string,
): Promise<CategoryRow & { criteria: CriterionRow[] }> {
  try {
    return await db.transaction(async (tx) => {
      const [{ n }] = (await tx
        .select({ n: count() })
        .from(categories)
        .where(eq(categories.eventId, event.id))) as [{ n: number }];
      const tieBreak = input.criteria.find(
        (c) => c.name.toLowerCase() === input.tieBreakCriterion?.toLowerCase(),
      )?.name;
      const [category] = await tx
        .insert(categories)
        .values({
          eventId: event.id,
          name: input.name,
          description: input.description ?? null,
          singleSchool: input.singleSchool,
          tieBreakCriterion: tieBreak ?? null,
          position: n,
        })
        .returning();
      const rows = await tx
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
      await audit(tx, {
        eventId: event.id,
        actorId,
        action: "category.created",
        details: { categoryId: category!.id },
      });
      return { ...category!, criteria: rows.sort((a, b) => a.position - b.position) };
    });
  } catch (error) {
    if (isUniqueViolation(error, "categories_event_name_key")) {
      throw new AppError(
        "name-taken",
        `This event already has a category called "${input.name}".`,
        [{ path: "name", message: "Another category has this name." }],
      );
    }
    throw error;
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
