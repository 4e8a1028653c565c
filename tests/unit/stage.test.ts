import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyStageAction,
  IDLE,
  nextTeam,
  type OrderSlot,
  phaseEndsAt,
  previousTeam,
  remainingCount,
  type StageActionName,
  type StageRecord,
  stageTimerTone,
} from "../../shared/rules/stage";

const at = (minute: number) => new Date(Date.UTC(2026, 2, 15, 14, minute));
const order = (...ids: string[]): OrderSlot[] =>
  ids.map((teamId) => ({ teamId, skipped: false, presented: false }));
const slot = { talkSeconds: 180, questionsSeconds: 120 };

/** Runs presses in turn, marking teams presented as the server does, and returns the states. */
function run(slots: OrderSlot[], presses: StageActionName[], categoryId = "cat") {
  let record: StageRecord = IDLE;
  const seen: (StageRecord | string)[] = [];
  presses.forEach((action, i) => {
    const outcome = applyStageAction(record, action, categoryId, slots, at(i));
    if (!outcome.ok) {
      seen.push(outcome.problem);
      return;
    }
    record = outcome.record;
    if (outcome.started) slots.find((s) => s.teamId === outcome.started)!.presented = true;
    seen.push(record);
  });
  return { record, seen };
}

describe("a presentation cycle", () => {
  it("calls, starts, takes questions and moves to the next team, then clears the stage", () => {
    const slots = order("A", "B");
    const { seen } = run(slots, ["next", "start", "questions", "next", "start", "next"]);
    expect(seen).toEqual([
      { phase: "ready", categoryId: "cat", teamId: "A", phaseStartedAt: at(0) },
      { phase: "talk", categoryId: "cat", teamId: "A", phaseStartedAt: at(1) },
      { phase: "questions", categoryId: "cat", teamId: "A", phaseStartedAt: at(2) },
      { phase: "ready", categoryId: "cat", teamId: "B", phaseStartedAt: at(3) },
      { phase: "talk", categoryId: "cat", teamId: "B", phaseStartedAt: at(4) },
      // The last team is done: the display goes back to the event countdown.
      { phase: "idle", categoryId: "cat", teamId: null, phaseStartedAt: null },
    ]);
    expect(slots.every((s) => s.presented)).toBe(true);
  });

  it("starts the first team straight away when start is pressed on an empty stage", () => {
    const { record } = run(order("A", "B"), ["start"]);
    expect(record).toMatchObject({ phase: "talk", teamId: "A" });
  });

  it("refuses presses that make no sense in the current phase", () => {
    const { seen } = run(order("A"), ["questions", "stop", "back", "next", "questions", "start"]);
    expect(seen[0]).toMatch(/start the team's talk first/);
    expect(seen[1]).toBe("Nothing is on stage.");
    expect(seen[2]).toBe("There is no team before this one.");
    expect(seen[3]).toMatchObject({ phase: "ready", teamId: "A" });
    expect(seen[4]).toMatch(/start the team's talk first/);
    expect(seen[5]).toMatchObject({ phase: "talk", teamId: "A" });
    const again = run(order("A"), ["start", "start"]).seen[1];
    expect(again).toMatch(/already presenting/);
  });

  it("says so when every team has presented", () => {
    const { seen } = run(order("A"), ["start", "next", "next", "start"]);
    expect(seen[1]).toMatchObject({ phase: "idle" });
    expect(seen[2]).toMatch(/Every team in this category has presented/);
    expect(seen[3]).toMatch(/Every team in this category has presented/);
  });

  it("needs a category when nothing has been run yet", () => {
    const outcome = applyStageAction(IDLE, "next", null, [], at(0));
    expect(outcome).toEqual({ ok: false, problem: "Choose the category whose teams present." });
  });

  it("won't switch category while a team is on stage", () => {
    const { record } = run(order("A"), ["start"]);
    const outcome = applyStageAction(record, "next", "other", order("X"), at(5));
    expect(outcome.ok).toBe(false);
    const stopped = applyStageAction(record, "stop", null, order("A"), at(5));
    expect(stopped).toMatchObject({ ok: true, record: { phase: "idle", categoryId: "cat" } });
    if (!stopped.ok) return;
    expect(applyStageAction(stopped.record, "next", "other", order("X"), at(6))).toMatchObject({
      ok: true,
      record: { phase: "ready", categoryId: "other", teamId: "X" },
    });
  });

  it("goes back to the previous team, and back from an empty stage to the last to present", () => {
    const slots = order("A", "B", "C");
    const { record } = run(slots, ["start", "next", "back"]);
    expect(record).toMatchObject({ phase: "ready", teamId: "A" });
    const done = run(order("A", "B"), ["start", "next", "start", "next", "back"]);
    expect(done.record).toMatchObject({ phase: "ready", teamId: "B" });
  });
});

describe("skipping a team and bringing it back", () => {
  it("passes over a skipped team, and reaches it again once brought back", () => {
    const slots = order("A", "B", "C");
    slots[1]!.skipped = true;
    let { record } = run(slots, ["start", "next"]);
    expect(record.teamId).toBe("C");
    slots[1]!.skipped = false;
    const started = applyStageAction(record, "start", null, slots, at(10));
    if (!started.ok) throw new Error(started.problem);
    slots[2]!.presented = true;
    record = started.record;
    // B comes after C has presented, wrapping round to the team that was not ready before.
    expect(applyStageAction(record, "next", null, slots, at(11))).toMatchObject({
      ok: true,
      record: { teamId: "B", phase: "ready" },
    });
  });

  it("counts the teams still to present", () => {
    const slots = order("A", "B", "C", "D");
    slots[0]!.presented = true;
    slots[2]!.skipped = true;
    expect(remainingCount(slots, "B")).toBe(1);
    expect(remainingCount(slots, null)).toBe(2);
  });

  it("never calls a skipped or presented team, and back never lands on a skipped one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ skipped: fc.boolean(), presented: fc.boolean() }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(8),
        (flags, pick) => {
          const slots = flags.map((f, i) => ({ teamId: `T${i}`, ...f }));
          const current = pick < slots.length ? slots[pick]!.teamId : null;
          const next = nextTeam(slots, current);
          if (next !== null) {
            const chosen = slots.find((s) => s.teamId === next)!;
            expect(chosen.skipped || chosen.presented || next === current).toBe(false);
          } else expect(remainingCount(slots, current)).toBe(0);
          const back = previousTeam(slots, current);
          if (back !== null) expect(slots.find((s) => s.teamId === back)!.skipped).toBe(false);
        },
      ),
    );
  });
});

describe("the stage timer", () => {
  it("runs for the talk, then for the questions, and not between presentations", () => {
    const talk: StageRecord = {
      phase: "talk",
      categoryId: "c",
      teamId: "A",
      phaseStartedAt: at(0),
    };
    expect(phaseEndsAt(talk, slot)).toEqual(new Date(at(0).getTime() + 180_000));
    expect(phaseEndsAt({ ...talk, phase: "questions" }, slot)).toEqual(
      new Date(at(0).getTime() + 120_000),
    );
    expect(phaseEndsAt({ ...talk, phase: "ready" }, slot)).toBeNull();
    expect(
      phaseEndsAt({ ...talk, phase: "questions" }, { ...slot, questionsSeconds: 0 }),
    ).toBeNull();
    expect(phaseEndsAt(IDLE, slot)).toBeNull();
  });

  it("turns amber in the last 30 seconds and red once over time", () => {
    expect(stageTimerTone(30_001)).toBe("normal");
    expect(stageTimerTone(30_000)).toBe("warning");
    expect(stageTimerTone(1)).toBe("warning");
    expect(stageTimerTone(0)).toBe("over");
    expect(stageTimerTone(-5_000)).toBe("over");
  });
});
