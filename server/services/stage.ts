/**
 * Presentations on stage: each category's running order, the slot lengths, and what is on
 * stage now. Every write locks the event's stage row and bumps its version, so two organizers
 * pressing "next team" together move the stage once, and screens can drop stale pushes.
 */
import { randomInt } from "node:crypto";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";

import type {
  JudgeStageView,
  PresentationOrder,
  PresentationsView,
  StageState,
  StageTeam,
} from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import {
  applyStageAction,
  nextTeam,
  type OrderSlot,
  phaseEndsAt,
  remainingCount,
  type StageRecord,
} from "../../shared/rules/stage";
import type {
  PresentationOrderInput,
  SlotChangeInput,
  StageActionInput,
} from "../../shared/schemas/stage";
import type { Db } from "../db/client";
import {
  categories,
  presentationSettings,
  presentationSlots,
  stages,
  submissions,
  teams,
} from "../db/schema";
import { AppError, notFound } from "../lib/problems";
import { audit } from "./audit";
import { handedIn } from "./submissions";

interface Slot extends OrderSlot {
  teamName: string;
  projectTitle: string | null;
  position: number;
}

export interface CategoryOrder {
  categoryId: string;
  categoryName: string;
  talkSeconds: number;
  questionsSeconds: number;
  slots: Slot[];
}

/**
 * Every category's effective running order: teams with a place in the order first, by place,
 * then checked-in teams without one by name (a late check-in joins the end).
 */
async function loadOrders(db: Db, eventId: string): Promise<CategoryOrder[]> {
  const [cats, settings, teamRows, slotRows, subs] = await Promise.all([
    db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.eventId, eventId))
      .orderBy(asc(categories.position)),
    db.select().from(presentationSettings).where(eq(presentationSettings.eventId, eventId)),
    db
      .select({ id: teams.id, name: teams.name, categoryId: teams.categoryId })
      .from(teams)
      .where(and(eq(teams.eventId, eventId), isNotNull(teams.checkedInAt)))
      .orderBy(asc(teams.name)),
    db.select().from(presentationSlots).where(eq(presentationSlots.eventId, eventId)),
    db
      .select({ teamId: submissions.teamId, title: submissions.title })
      .from(submissions)
      .where(and(eq(submissions.eventId, eventId), handedIn())),
  ]);
  const slotOf = new Map(slotRows.map((s) => [s.teamId, s]));
  const titleOf = new Map(subs.map((s) => [s.teamId, s.title]));
  return cats.map((c) => {
    const setting = settings.find((s) => s.categoryId === c.id);
    const own = teamRows.filter((t) => t.categoryId === c.id);
    const placed = own
      .filter((t) => slotOf.has(t.id))
      .sort((a, b) => slotOf.get(a.id)!.position - slotOf.get(b.id)!.position);
    const unplaced = own.filter((t) => !slotOf.has(t.id));
    return {
      categoryId: c.id,
      categoryName: c.name,
      talkSeconds: setting?.talkSeconds ?? LIMITS.defaultTalkSeconds,
      questionsSeconds: setting?.questionsSeconds ?? LIMITS.defaultQuestionsSeconds,
      slots: [...placed, ...unplaced].map((t, position) => {
        const row = slotOf.get(t.id);
        return {
          teamId: t.id,
          teamName: t.name,
          projectTitle: titleOf.get(t.id) ?? null,
          position,
          skipped: row?.skipped ?? false,
          presented: Boolean(row?.presentedAt),
        };
      }),
    };
  });
}

async function loadRecord(db: Db, eventId: string) {
  const [row] = await db.select().from(stages).where(eq(stages.eventId, eventId));
  return row ?? null;
}

/** Locks the event's stage row for the rest of the transaction, creating it on first use. */
async function lockStage(tx: Db, eventId: string) {
  await tx.insert(stages).values({ eventId }).onConflictDoNothing();
  const [row] = await tx.select().from(stages).where(eq(stages.eventId, eventId)).for("update");
  return row!;
}

/** Bumps the version of a stage row locked by `lockStage`, optionally moving the stage. */
async function bumpStage(tx: Db, locked: typeof stages.$inferSelect, record?: StageRecord) {
  await tx
    .update(stages)
    .set({ ...(record ?? {}), version: locked.version + 1 })
    .where(eq(stages.eventId, locked.eventId));
}

const teamOf = (slot: Slot | undefined): StageTeam | null =>
  slot ? { id: slot.teamId, name: slot.teamName, projectTitle: slot.projectTitle } : null;

function stateFrom(
  row: typeof stages.$inferSelect | null,
  orders: CategoryOrder[],
  now: Date,
): StageState {
  const record: StageRecord = row ?? {
    phase: "idle",
    categoryId: null,
    teamId: null,
    phaseStartedAt: null,
  };
  const order = orders.find((o) => o.categoryId === record.categoryId);
  const slots = order?.slots ?? [];
  const current = slots.find((s) => s.teamId === record.teamId);
  // A team that withdrew (or was deleted) while on stage leaves the stage empty.
  const phase = current ? record.phase : "idle";
  const onStage = phase === "idle" ? null : current!.teamId;
  const upNextId = order ? nextTeam(slots, onStage) : null;
  const settings = {
    talkSeconds: order?.talkSeconds ?? LIMITS.defaultTalkSeconds,
    questionsSeconds: order?.questionsSeconds ?? LIMITS.defaultQuestionsSeconds,
  };
  const ends = phase === "idle" ? null : phaseEndsAt({ ...record, phase }, settings);
  return {
    version: row?.version ?? 0,
    serverTime: now.toISOString(),
    phase,
    categoryId: order?.categoryId ?? null,
    categoryName: order?.categoryName ?? null,
    team: phase === "idle" ? null : teamOf(current),
    upNext: teamOf(slots.find((s) => s.teamId === upNextId)),
    phaseStartedAt: phase === "idle" ? null : (record.phaseStartedAt?.toISOString() ?? null),
    phaseEndsAt: ends?.toISOString() ?? null,
    ...settings,
    remaining: order ? remainingCount(slots, onStage) : 0,
  };
}

/** What the stage is computed from, read once; the stage at any instant is stageAt(inputs, now). */
export interface StageInputs {
  row: typeof stages.$inferSelect | null;
  orders: CategoryOrder[];
}

export async function loadStageInputs(db: Db, eventId: string): Promise<StageInputs> {
  const [row, orders] = await Promise.all([loadRecord(db, eventId), loadOrders(db, eventId)]);
  return { row, orders };
}

export function stageAt(inputs: StageInputs, now: Date): StageState {
  return stateFrom(inputs.row, inputs.orders, now);
}

/** The stage as every screen sees it. Safe for the display: names and titles only. */
export async function stageState(db: Db, eventId: string, now: Date): Promise<StageState> {
  return stageAt(await loadStageInputs(db, eventId), now);
}

/** The organizer's view: every category's running order and the stage. */
export async function presentations(
  db: Db,
  eventId: string,
  now: Date,
): Promise<PresentationsView> {
  const [row, orders] = await Promise.all([loadRecord(db, eventId), loadOrders(db, eventId)]);
  return {
    stage: stateFrom(row, orders, now),
    categories: orders.map(
      (o): PresentationOrder => ({
        categoryId: o.categoryId,
        categoryName: o.categoryName,
        talkSeconds: o.talkSeconds,
        questionsSeconds: o.questionsSeconds,
        slots: o.slots.map((s) => ({
          teamId: s.teamId,
          teamName: s.teamName,
          projectTitle: s.projectTitle,
          position: s.position,
          skipped: s.skipped,
          presented: s.presented,
        })),
      }),
    ),
  };
}

function categoryOrder(orders: CategoryOrder[], categoryId: string): CategoryOrder {
  const order = orders.find((o) => o.categoryId === categoryId);
  if (!order) throw notFound("category");
  return order;
}

/** Writes the whole order of a category as places 0, 1, 2…, keeping each team's flags. */
async function writeOrder(tx: Db, eventId: string, teamIds: string[]) {
  if (teamIds.length === 0) return;
  const existing = await tx
    .select()
    .from(presentationSlots)
    .where(inArray(presentationSlots.teamId, teamIds));
  const before = new Map(existing.map((s) => [s.teamId, s]));
  await tx.delete(presentationSlots).where(inArray(presentationSlots.teamId, teamIds));
  await tx.insert(presentationSlots).values(
    teamIds.map((teamId, position) => ({
      teamId,
      eventId,
      position,
      skipped: before.get(teamId)?.skipped ?? false,
      presentedAt: before.get(teamId)?.presentedAt ?? null,
    })),
  );
}

/** Sets a category's running order and slot lengths. */
export async function setPresentationOrder(
  db: Db,
  eventId: string,
  categoryId: string,
  input: PresentationOrderInput,
  actorId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await lockStage(tx, eventId);
    const order = categoryOrder(await loadOrders(tx, eventId), categoryId);
    if (input.teamIds) {
      const expected = new Set(order.slots.map((s) => s.teamId));
      const errors: { path: string; message: string }[] = [];
      const seen = new Set<string>();
      input.teamIds.forEach((id, i) => {
        if (!expected.has(id))
          errors.push({
            path: `teamIds.${i}`,
            message: "This is not a checked-in team of the category.",
          });
        else if (seen.has(id))
          errors.push({ path: `teamIds.${i}`, message: "This team is already in the order." });
        seen.add(id);
      });
      const missing = order.slots.filter((s) => !seen.has(s.teamId));
      if (missing.length)
        errors.push({
          path: "teamIds",
          message: `The order leaves out ${missing.map((s) => s.teamName).join(", ")}.`,
        });
      if (errors.length)
        throw new AppError(
          "validation",
          "The running order must list every checked-in team of the category once.",
          errors,
        );
      await writeOrder(tx, eventId, input.teamIds);
    }
    if (input.talkSeconds !== undefined || input.questionsSeconds !== undefined) {
      const values = {
        talkSeconds: input.talkSeconds ?? order.talkSeconds,
        questionsSeconds: input.questionsSeconds ?? order.questionsSeconds,
      };
      await tx
        .insert(presentationSettings)
        .values({ categoryId, eventId, ...values })
        .onConflictDoUpdate({ target: presentationSettings.categoryId, set: values });
    }
    await bumpStage(tx, locked);
    await audit(tx, {
      eventId,
      actorId,
      action: "presentations.order",
      details: { categoryId, reordered: Boolean(input.teamIds) },
    });
  });
}

/** Puts a category's teams in a random order (Fisher–Yates with the system's random source). */
export async function shufflePresentationOrder(
  db: Db,
  eventId: string,
  categoryId: string,
  actorId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await lockStage(tx, eventId);
    const order = categoryOrder(await loadOrders(tx, eventId), categoryId);
    const ids = order.slots.map((s) => s.teamId);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    await writeOrder(tx, eventId, ids);
    await bumpStage(tx, locked);
    await audit(tx, { eventId, actorId, action: "presentations.shuffle", details: { categoryId } });
  });
}

/**
 * Skips a team that is not ready or brings it back ("next team" then reaches it again), and
 * clears a team's "presented" mark after a false start (or sets it for a team that presented
 * some other way). The team on stage keeps its place on stage either way.
 */
export async function changeSlot(
  db: Db,
  eventId: string,
  categoryId: string,
  teamId: string,
  change: SlotChangeInput,
  actorId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await lockStage(tx, eventId);
    const order = categoryOrder(await loadOrders(tx, eventId), categoryId);
    const slot = order.slots.find((s) => s.teamId === teamId);
    if (!slot) throw notFound("team");
    const [row] = await tx
      .select()
      .from(presentationSlots)
      .where(eq(presentationSlots.teamId, teamId));
    if (!row) {
      await writeOrder(
        tx,
        eventId,
        order.slots.map((s) => s.teamId),
      );
    }
    const set: Partial<typeof presentationSlots.$inferInsert> = {};
    if (change.skipped !== undefined) set.skipped = change.skipped;
    // Marking a team that already presented keeps the time it first did.
    if (change.presented !== undefined && change.presented !== slot.presented)
      set.presentedAt = change.presented ? now : null;
    if (Object.keys(set).length > 0)
      await tx.update(presentationSlots).set(set).where(eq(presentationSlots.teamId, teamId));
    await bumpStage(tx, locked);
    const actions = [
      ...(change.skipped === undefined
        ? []
        : [change.skipped ? "presentations.skip" : "presentations.unskip"]),
      ...(change.presented === undefined
        ? []
        : [change.presented ? "presentations.presented" : "presentations.present-again"]),
    ];
    for (const action of actions)
      await audit(tx, { eventId, actorId, action, details: { categoryId, teamId } });
  });
}

/** One press of a stage button. */
export async function stageAction(
  db: Db,
  eventId: string,
  input: StageActionInput,
  actorId: string,
  now: Date,
): Promise<StageState> {
  return db.transaction(async (tx) => {
    const row = await lockStage(tx, eventId);
    if (input.version !== undefined && input.version !== row.version) {
      throw new AppError(
        "stage-changed",
        "Someone else moved the stage a moment ago: check the stage and press again.",
      );
    }
    const orders = await loadOrders(tx, eventId);
    const categoryId = input.categoryId ?? row.categoryId;
    if (input.categoryId) categoryOrder(orders, input.categoryId);
    const order = orders.find((o) => o.categoryId === categoryId);
    // Read the stage through the same lens the screens do (a withdrawn team leaves it empty).
    const shown = stateFrom(row, orders, now);
    const record: StageRecord = {
      phase: shown.phase,
      categoryId: row.categoryId,
      teamId: shown.team?.id ?? null,
      phaseStartedAt: row.phaseStartedAt,
    };
    const outcome = applyStageAction(record, input.action, categoryId, order?.slots ?? [], now);
    if (!outcome.ok) throw new AppError("invalid-stage-action", outcome.problem);
    if (outcome.started) {
      const started = outcome.started;
      const [slot] = await tx
        .select()
        .from(presentationSlots)
        .where(eq(presentationSlots.teamId, started));
      if (!slot)
        await writeOrder(
          tx,
          eventId,
          order!.slots.map((s) => s.teamId),
        );
      await tx
        .update(presentationSlots)
        .set({ presentedAt: now })
        .where(eq(presentationSlots.teamId, started));
    }
    await bumpStage(tx, row, outcome.record);
    await audit(tx, {
      eventId,
      actorId,
      action: `stage.${input.action}`,
      details: { categoryId: outcome.record.categoryId, teamId: outcome.record.teamId },
    });
    return stateFrom(await loadRecord(tx, eventId), await loadOrders(tx, eventId), now);
  });
}

/**
 * The team on stage for a judge's home, or null. `canScore` is true only when the judge may
 * score that team (assigned, no conflict of interest): the page links to scoring only then.
 */
export function judgeStage(
  state: StageState,
  scorable: ReadonlySet<string>,
): JudgeStageView | null {
  if (!state.team) return null;
  return {
    phase: state.phase,
    categoryName: state.categoryName,
    team: state.team,
    canScore: scorable.has(state.team.id),
  };
}
